namespace CriterionCheck.Tests.Corpus;

/// <summary>
/// The corpus itself: large enough, every file with a written derivation whose conclusion matches its
/// <c>expect</c> line, and none a copy of a catalog spec.
/// </summary>
public class CorpusShapeTests
{
    [Fact]
    public void The_corpus_has_at_least_80_specs()
    {
        Assert.True(CorpusSpec.Files().Count >= 80, $"only {CorpusSpec.Files().Count} specs under {CorpusSpec.Directory}");
    }

    [Fact]
    public void Every_spec_opens_with_a_derivation_of_several_lines_that_ends_in_its_expected_verdict()
    {
        var problems = new List<string>();
        foreach (var file in CorpusSpec.Files().Select(Path.GetFileName).OfType<string>())
        {
            var spec = CorpusSpec.Read(file);
            var prose = spec.HeaderComment.Where(l => l.Length > 0).ToList();
            if (prose.Count < 5) problems.Add($"{file}: the header comment has {prose.Count} non-empty lines, fewer than 5");
            if (!prose.Any(l => l.StartsWith("Derivation", StringComparison.Ordinal))) problems.Add($"{file}: no 'Derivation' section");
            if (spec.ExpectLines.Count != 1) problems.Add($"{file}: {spec.ExpectLines.Count} expect lines (the default would hide a missing claim)");
            else if (spec.DerivedVerdict is not { } derived) problems.Add($"{file}: no 'Verdict: satisfied|violated.' line in the derivation");
            else if (derived != spec.ExpectLines[0]) problems.Add($"{file}: the derivation concludes {derived}, the expect line says {spec.ExpectLines[0]}");
            var mentionsEvidence = spec.ExpectSatisfied
                ? prose.Any(l => l.Contains("alpha", StringComparison.Ordinal) || l.Contains("beta", StringComparison.Ordinal))
                : prose.Any(l => l.Contains("Witness", StringComparison.OrdinalIgnoreCase) || l.Contains("y^T", StringComparison.Ordinal) || l.Contains("there is an f", StringComparison.OrdinalIgnoreCase) || l.Contains("Choose f", StringComparison.Ordinal));
            if (!mentionsEvidence) problems.Add($"{file}: the derivation names no {(spec.ExpectSatisfied ? "alpha/beta" : "witness")}");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void No_corpus_spec_is_a_copy_of_a_catalog_spec()
    {
        var catalog = Directory.GetFiles(RepositoryPaths.ModelSpecs, "*.model").ToDictionary(f => Body(File.ReadAllText(f)), Path.GetFileName);
        var copies = CorpusSpec.Files()
            .Select(f => (File: Path.GetFileName(f), Body: Body(File.ReadAllText(f))))
            .Where(c => catalog.ContainsKey(c.Body))
            .Select(c => $"{c.File} repeats {catalog[c.Body]}")
            .ToList();
        Assert.True(copies.Count == 0, string.Join("\n", copies));
    }

    // The statements without the model title, which copies may change.
    private static string Body(string text) =>
        string.Join("\n", CorpusSpec.Statements(text).Split('\n').Where(l => !l.StartsWith("model ", StringComparison.Ordinal)));
}
