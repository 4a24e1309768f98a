namespace CriterionCheck.Cli.Tests;

/// <summary>
/// Every spec of the catalog and of the corpus of unseen models goes through <c>check</c>, <c>formula</c>
/// and <c>prove</c> (Markdown and LaTeX): each answers with exit code 0 or 1 (a verdict, as the spec's claim
/// expects or not) and never shows the text of an internal exception.
/// </summary>
public class EverySpecTests
{
    public static TheoryData<string> Specs =>
    [
        .. Directory.GetFiles(Repository.ModelSpecs, "*.model").Order(StringComparer.Ordinal),
        .. Directory.GetFiles(Path.Combine(Repository.Root, "tests", "corpus"), "*.model").Order(StringComparer.Ordinal),
    ];

    [Theory]
    [MemberData(nameof(Specs))]
    public void Every_command_answers_with_a_verdict_and_no_internal_text(string spec)
    {
        foreach (var args in new[]
                 {
                     new[] { "check", spec }, ["formula", spec], ["prove", spec], ["prove", spec, "--format", "latex"],
                 })
        {
            var (code, output, error) = CliRunner.Run(args);
            var command = string.Join(" ", args.Take(1).Concat(args.Skip(2)));
            Assert.True(code is 0 or 1, $"{command} {Path.GetFileName(spec)}: exit {code}: {error}");
            foreach (var text in new[] { output, error })
            {
                Assert.DoesNotContain("internal error", text);
                Assert.DoesNotContain("Exception", text);
                Assert.DoesNotContain("   at CriterionCheck.", text);
            }
            // Every spec of these folders states its claim, and the engine reaches it.
            Assert.Equal(0, code);
        }
    }
}
