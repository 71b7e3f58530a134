using System.Management.Automation;

namespace EmptyModule
{
    /// <summary>Does nothing: importing this module costs only what PowerShell charges for any binary module.</summary>
    [Cmdlet(VerbsCommon.Get, "Nothing")]
    public sealed class GetNothingCommand : PSCmdlet
    {
    }
}
