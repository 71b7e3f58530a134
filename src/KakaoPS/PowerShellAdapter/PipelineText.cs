using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using KakaoPS.Memo;

namespace KakaoPS.PowerShellAdapter
{
    /// <summary>
    /// Turns pipeline objects into lines of text: strings as they are, ErrorRecords, exceptions and
    /// the other streams' records (2>&amp;1, *>&amp;1) as their messages, anything else as Out-String shows it,
    /// laid out for a phone (see PhoneLayout). Consecutive objects are formatted together so a table keeps one header.
    /// </summary>
    internal sealed class PipelineText
    {
        private const int FormatBatch = 500;

        /// <summary>Wide enough that Out-String drops and wraps no column; PhoneLayout then removes the padding.</summary>
        private const int FormatWidth = 1000;

        private readonly CommandInvocationIntrinsics _invoke;
        private readonly List<object> _pending = new List<object>();
        private ScriptBlock? _outString;

        public PipelineText(CommandInvocationIntrinsics invoke)
        {
            _invoke = invoke;
        }

        public IEnumerable<MemoLine> Lines(PSObject input, bool flush)
        {
            var value = input.BaseObject;
            var plain = value switch
            {
                string text => text,
                ErrorRecord record => record.ToString(),
                WarningRecord warning => "WARNING: " + warning.Message,
                InformationalRecord record => record.Message,
                InformationRecord record => record.MessageData?.ToString() ?? string.Empty,
                System.Exception exception => exception.Message,
                char or bool or int or long or double or decimal => input.ToString(),
                _ => null,
            };

            if (plain == null)
            {
                _pending.Add(input);
                return flush || _pending.Count >= FormatBatch ? Flush() : Enumerable.Empty<MemoLine>();
            }

            return _pending.Count == 0 ? new MemoLine[] { plain } : Flush().Concat(new MemoLine[] { plain });
        }

        /// <summary>Whether objects wait for Out-String.</summary>
        public bool HasPending => _pending.Count > 0;

        /// <summary>Formats the objects waiting for Out-String.</summary>
        public IEnumerable<MemoLine> Flush()
        {
            if (_pending.Count == 0)
            {
                return Enumerable.Empty<MemoLine>();
            }

            _outString ??= ScriptBlock.Create("param($items) $items | Out-String -Stream -Width " + FormatWidth);
            var items = _pending.ToArray();
            _pending.Clear();
            var lines = _invoke.InvokeScript(false, _outString, null, new object[] { items })
                .Select(line => line?.ToString() ?? string.Empty)
                .ToList();
            return PhoneLayout.Compact(lines).ToList();
        }
    }
}
