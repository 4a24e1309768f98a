using System.Text.RegularExpressions;

namespace CriterionCheck.Cli.Tests.Verify;

/// <summary>A temporary folder for certificate files, shared by one test class and deleted after it.</summary>
public sealed class VerifyFiles : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("criterion-check-verify-");
    private int count;

    /// <summary>Writes <paramref name="text"/> to a new file named after <paramref name="name"/> and returns its path.</summary>
    public string Write(string name, string text)
    {
        var safe = Regex.Replace(name, "[^A-Za-z0-9.-]+", "-");
        var path = Path.Combine(directory.FullName, $"{Interlocked.Increment(ref count):D4}-{safe[..Math.Min(safe.Length, 80)]}.json");
        File.WriteAllText(path, text);
        return path;
    }

    /// <inheritdoc/>
    public void Dispose() => directory.Delete(recursive: true);

    /// <summary>
    /// Asserts that <paramref name="stderr"/> is one located diagnostic for <paramref name="path"/>: <c>path:line:column: message</c>
    /// (at <paramref name="line"/> and <paramref name="column"/> when given) containing <paramref name="fragment"/>, the source
    /// line indented two spaces, and a caret under the column.
    /// </summary>
    public static void AssertLocated(string stderr, string path, string fragment, int? line = null, int? column = null, char? atCaret = null)
    {
        var lines = stderr.TrimEnd('\n').Split('\n');
        var shown = $"standard error:\n{stderr}";
        Assert.True(lines.Length == 3, shown);
        var m = Regex.Match(lines[0], $"^{Regex.Escape(path)}:(\\d+):(\\d+): (.*)$");
        Assert.True(m.Success, $"expected {path}:line:column: …\n{shown}");
        if (line is not null) Assert.True(int.Parse(m.Groups[1].Value) == line && int.Parse(m.Groups[2].Value) == column, $"expected {path}:{line}:{column}\n{shown}");
        Assert.True(m.Groups[3].Value.Contains(fragment, StringComparison.Ordinal), $"expected a message containing '{fragment}'\n{shown}");
        Assert.StartsWith("  ", lines[1]);
        Assert.StartsWith("  ", lines[2]);
        var at = lines[2].IndexOf('^');
        Assert.True(at >= 2, $"no caret\n{shown}");
        Assert.Matches("^ *\\^~*$", lines[2]);
        // The caret stands under the offending character of the shown source line.
        if (atCaret is { } c && at < lines[1].Length) Assert.True(lines[1][at] == c, $"the caret is under '{lines[1][at]}', not '{c}'\n{shown}");
    }
}
