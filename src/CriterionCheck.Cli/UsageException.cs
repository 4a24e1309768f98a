namespace CriterionCheck.Cli;

/// <summary>A command-line value is malformed; the message says which and why.</summary>
public sealed class UsageException(string message) : Exception(message);
