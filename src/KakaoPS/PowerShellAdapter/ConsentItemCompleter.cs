using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using KakaoPS.Completion;

namespace KakaoPS.PowerShellAdapter
{
    /// <summary>Consent item ids for -Scope and -Id (talk_message, profile_nickname, …), also found by their Korean names.</summary>
    internal sealed class ConsentItemCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            KakaoCompletions.Match(KakaoCompletions.ConsentItems, wordToComplete)
                .Select(item => new CompletionResult(item.Value, item.Value, CompletionResultType.ParameterValue, item.Description));
    }
}
