using System.Text.RegularExpressions;

namespace CriterionCheck.Tests.Corpus;

/// <summary>
/// One file of the hand-derived corpus (<c>tests/corpus/*.model</c>): its text, the verdict its
/// <c>expect</c> line claims and the derivation comment block at its top.
/// </summary>
/// <param name="Path">The file's full path.</param>
/// <param name="Text">The file's text.</param>
/// <param name="ExpectLines">Every <c>expect …</c> statement's verdict word, in order.</param>
/// <param name="HeaderComment">The comment lines before the first statement, without their <c>#</c>.</param>
public sealed partial record CorpusSpec(string Path, string Text, IReadOnlyList<string> ExpectLines, IReadOnlyList<string> HeaderComment)
{
    /// <summary>The directory of the corpus.</summary>
    public static string Directory => System.IO.Path.Combine(RepositoryPaths.Root, "tests", "corpus");

    /// <summary>The file name, e.g. <c>tied-variance-three-factors.model</c>.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>True when the single <c>expect</c> line says <c>satisfied</c>.</summary>
    public bool ExpectSatisfied => ExpectLines.Single() == "satisfied";

    /// <summary>The verdict word of the derivation's <c>Verdict: …</c> line, or null when there is none.</summary>
    public string? DerivedVerdict =>
        HeaderComment.Select(l => VerdictLine().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).SingleOrDefault();

    /// <summary>Every corpus file, sorted by name.</summary>
    public static IReadOnlyList<string> Files() =>
        [.. System.IO.Directory.GetFiles(Directory, "*.model").OrderBy(f => f, StringComparer.Ordinal)];

    /// <summary>Reads the corpus file named <paramref name="name"/>.</summary>
    public static CorpusSpec Read(string name)
    {
        var path = System.IO.Path.Combine(Directory, name);
        var text = File.ReadAllText(path);
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var header = lines.TakeWhile(l => l.StartsWith('#')).Select(l => l.TrimStart('#').Trim()).ToList();
        var expects = lines.Select(l => ExpectStatement().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        return new CorpusSpec(path, text, expects, header);
    }

    /// <summary>The statements of <paramref name="text"/> with comments and blank lines removed and spaces collapsed.</summary>
    public static string Statements(string text) =>
        string.Join("\n", text.Split('\n')
            .Select(l => l.Contains('#') ? l[..l.IndexOf('#')] : l)
            .Select(l => Spaces().Replace(l.Trim(), " "))
            .Where(l => l.Length > 0));

    [GeneratedRegex(@"^expect\s+(\w+)\s*(#.*)?$")]
    private static partial Regex ExpectStatement();

    [GeneratedRegex(@"^Verdict:\s*(satisfied|violated)\.?$")]
    private static partial Regex VerdictLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
