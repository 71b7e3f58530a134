using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using KakaoPS.Kakao;

namespace KakaoPS
{
    /// <summary>Tab completion from one of the lists in <see cref="KakaoCompletions"/>.</summary>
    public abstract class ListCompleter : IArgumentCompleter
    {
        protected abstract IEnumerable<KakaoCompletions.Item> Items { get; }

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            KakaoCompletions.Match(Items, wordToComplete)
                .Select(item => new CompletionResult(item.Value, item.Value, CompletionResultType.ParameterValue, item.Description));
    }

    /// <summary>Consent item ids for -Scope and -Id: talk_message, profile_nickname, …</summary>
    public sealed class ConsentItemCompleter : ListCompleter
    {
        protected override IEnumerable<KakaoCompletions.Item> Items => KakaoCompletions.ConsentItems;
    }

    /// <summary>Kakao's template types (text, feed, list, location, commerce).</summary>
    public sealed class TemplateTypeCompleter : ListCompleter
    {
        protected override IEnumerable<KakaoCompletions.Item> Items => KakaoCompletions.TemplateTypes;
    }
}
