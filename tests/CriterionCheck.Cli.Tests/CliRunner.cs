namespace CriterionCheck.Cli.Tests;

/// <summary>Runs the command line in-process and captures both streams.</summary>
public static class CliRunner
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CommandLineApp.Run(args, output, error);
        return (code, output.ToString().Replace("\r\n", "\n"), error.ToString().Replace("\r\n", "\n"));
    }

    public static string LastLine(string text) => text.TrimEnd('\n').Split('\n')[^1];
}
