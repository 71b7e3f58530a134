using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using KakaoPS.Api;
using KakaoPS.Commands.Base;
using KakaoPS.Models;
using KakaoPS.PowerShellAdapter;

namespace KakaoPS.Commands
{
    /// <summary>Lists the user's consent items for the app, one object each.</summary>
    [Cmdlet(VerbsCommon.Get, "KakaoScope")]
    [OutputType(typeof(KakaoScope))]
    public sealed class GetKakaoScopeCommand : KakaoRequestCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ConsentItemCompleter))]
        public string[]? Id { get; set; }

        private readonly List<string> _ids = new List<string>();

        /// <summary>Piped ids are collected, so Kakao is asked once for all of them.</summary>
        protected override void ProcessRecord()
        {
            if (Id != null)
            {
                _ids.AddRange(Id);
            }
        }

        protected override void EndProcessing()
        {
            var api = ConnectedApi();
            var ids = _ids.Distinct(StringComparer.Ordinal).ToList();
            var scopes = Guard(() => Run(ct => api.GetScopesAsync(ids, ct)));
            foreach (var scope in scopes)
            {
                WriteObject(scope);
            }

            foreach (var id in ids.Where(id => !scopes.Any(s => s.Id == id)))
            {
                WriteKakaoError(KakaoApi.ScopeNotFound(id), id);
            }
        }
    }
}
