using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using KakaoPS.Api;
using KakaoPS.Errors;
using KakaoPS.Http;
using KakaoPS.Models;
using KakaoPS.Resources;
using KakaoPS.Templates;

namespace KakaoPS.Memo
{
    /// <summary>
    /// One message ready to send: which of Kakao's three memo endpoints (see KakaoApi), the form it posts, and
    /// what the result will report. Everything in it was checked before it was built.
    /// </summary>
    internal sealed class MemoRequest
    {
        private readonly System.Func<string> _describe;
        private readonly System.Func<string?> _summarize;

        private MemoRequest(string templateType, string path, Dictionary<string, string?> form, System.Func<string> describe, System.Func<string?> summarize)
        {
            TemplateType = templateType;
            Path = path;
            Form = form;
            _describe = describe;
            _summarize = summarize;
        }

        /// <summary>text, feed, list, location, commerce, custom or scrap.</summary>
        public string TemplateType { get; }

        public string Path { get; }

        public IReadOnlyDictionary<string, string?> Form { get; }

        /// <summary>What -WhatIf and -Confirm show: the message in words (see MemoDescription), made when asked for.</summary>
        public string Description => _describe();

        /// <summary>What a result's Text shows for a message that is not plain text: see MemoDescription.Summary.</summary>
        public string? Summary => _summarize();

        /// <summary>For text messages: the text and how the 200-character rule cut it.</summary>
        public MemoText? Part { get; private set; }

        public long? TemplateId { get; private set; }

        public string? ScrapUrl { get; private set; }

        /// <summary>POST /v2/api/talk/memo/default/send with a checked default template.</summary>
        public static MemoRequest Default(KakaoTemplate template, MemoText? part = null) =>
            new MemoRequest(template.ObjectType, KakaoApi.DefaultMemoPath,
                new Dictionary<string, string?> { ["template_object"] = template.Json },
                () => MemoDescription.Of(template.ObjectType, template.Json), () => MemoDescription.Summary(template.Json))
            {
                Part = part,
            };

        /// <summary>POST /v2/api/talk/memo/send: a template built in Kakao's console, filled with arguments.</summary>
        public static MemoRequest Custom(long templateId, object? templateArgs)
        {
            var args = ArgumentsJson(templateArgs);
            return new MemoRequest("custom", KakaoApi.CustomMemoPath, TemplateForm(templateId, args),
                () => MemoDescription.OfCustom(templateId, args), () => MemoDescription.OfCustom(templateId, args))
            {
                TemplateId = templateId,
            };
        }

        /// <summary>POST /v2/api/talk/memo/scrap/send: Kakao scrapes the page (optionally into a console template).</summary>
        public static MemoRequest Scrap(string requestUrl, long? templateId, object? templateArgs)
        {
            TextTemplate.ValidateUrl(requestUrl, "ScrapUrl");
            var args = ArgumentsJson(templateArgs);
            var form = TemplateForm(templateId, args);
            form["request_url"] = requestUrl;
            return new MemoRequest("scrap", KakaoApi.ScrapMemoPath, form,
                () => MemoDescription.OfScrap(requestUrl, templateId, args), () => requestUrl)
            {
                TemplateId = templateId,
                ScrapUrl = requestUrl,
            };
        }

        /// <summary>
        /// template_args is a JSON object of strings (kakao-api.md §4.2): numbers and dates are
        /// written as text; nested objects and lists are refused.
        /// </summary>
        internal static string? ArgumentsJson(object? templateArgs)
        {
            var value = templateArgs is string json ? TemplateValidator.ParseJson(json) : templateArgs;
            if (value == null)
            {
                return null;
            }

            if (!(value is IDictionary map))
            {
                throw InvalidArguments(string.Format(CultureInfo.CurrentCulture, MemoMessages.TemplateArgsNotObject, TemplateValidator.Describe(value)));
            }

            var strings = new SortedDictionary<string, string>(System.StringComparer.Ordinal);
            foreach (DictionaryEntry entry in map)
            {
                var key = System.Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                strings[key] = entry.Value switch
                {
                    null => string.Empty,
                    string text => text,
                    bool flag => flag ? "true" : "false",
                    System.DateTime date => date.ToString("o", CultureInfo.InvariantCulture),
                    System.DateTimeOffset date => date.ToString("o", CultureInfo.InvariantCulture),
                    System.IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                    char c => c.ToString(),
                    _ => throw InvalidArguments(string.Format(CultureInfo.CurrentCulture, MemoMessages.TemplateArgNotText, key, TemplateValidator.Describe(entry.Value))),
                };
            }

            return JsonSerializer.Serialize(strings, KakaoJson.SerializerOptions);
        }

        private static KakaoException InvalidArguments(string message) =>
            new KakaoException("InvalidTemplateArgs", KakaoErrorKind.InvalidArgument, message + ".",
                MemoMessages.TemplateArgsAction);

        private static Dictionary<string, string?> TemplateForm(long? templateId, string? args) => new Dictionary<string, string?>
        {
            ["template_id"] = templateId == null ? null : Id(templateId.Value),
            ["template_args"] = args,
        };

        private static string Id(long templateId) => templateId.ToString(CultureInfo.InvariantCulture);
    }
}
