namespace CriterionCheck.Cli;

/// <summary>The process exit codes every command uses.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;
    /// <summary>A verdict differs from the spec's <c>expect</c>.</summary>
    public const int VerdictMismatch = 1;
    /// <summary>Bad input or usage.</summary>
    public const int BadInput = 2;
}
