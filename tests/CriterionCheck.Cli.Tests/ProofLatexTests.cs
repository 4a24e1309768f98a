using System.Globalization;
using System.Text.RegularExpressions;

namespace CriterionCheck.Cli.Tests;

/// <summary>
/// Every proof fits on the page: for each spec in <see cref="Folders"/> the LaTeX proof compiles with
/// pdflatex and no line is more than <see cref="Tolerance"/> too wide ("Overfull \hbox" in the log).
/// The catalog, the corpus of unseen models, the examples and the LaTeX-names specs: every proof a user
/// can produce from this repository.
/// </summary>
public class ProofLatexTests
{
    /// <summary>The folders whose proofs must fit, relative to the repository root; add a corpus here.</summary>
    public static readonly string[] Folders = ["model-specs", "tests/corpus", "examples", "tests/CriterionCheck.Cli.Tests/LatexNames"];

    /// <summary>How far a line may stick out into the margin, in points.</summary>
    public const double Tolerance = 10;

    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static TheoryData<string> Specs()
    {
        var data = new TheoryData<string>();
        foreach (var folder in Folders)
            foreach (var spec in Directory.GetFiles(Path.Combine(Repository.Root, folder), "*.model", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                data.Add(Path.GetRelativePath(Repository.Root, spec).Replace('\\', '/'));
        return data;
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void The_latex_proof_compiles_and_fits_on_the_page(string spec)
    {
        var temp = Directory.CreateTempSubdirectory("criterion-check-latex-");
        try
        {
            var tex = Path.Combine(temp.FullName, "proof.tex");
            var (code, _, error) = CliRunner.Run("prove", Path.Combine(Repository.Root, spec), "--format", "latex", "-o", tex);
            Assert.True(code is 0, $"prove exited {code}: {error}");
            var log = Compile(temp.FullName);
            var overfull = Overfull(log).Where(o => o.Points > Tolerance).ToList();
            Assert.True(overfull.Count == 0, $"{spec}: lines wider than the page by more than {Tolerance} pt:\n" +
                string.Join("\n", overfull.Select(o => o.Line)));
        }
        finally { temp.Delete(recursive: true); }
    }

    [Theory]
    [InlineData("markdown", "\\begin{aligned}\n\n\\end{aligned}")]
    [InlineData("latex", "\\begin{align*}\n\n\\end{align*}")]
    public void A_factor_without_parameters_says_so_instead_of_an_empty_display(string format, string emptyDisplay)
    {
        // The observable has θ = {} (its η is z₁(1 − z₁), zero on the binary support): an empty display is a
        // pdflatex error ("Paragraph ended before \align* was complete"), and says nothing to a reader.
        var (code, proof, error) = CliRunner.Run("prove", Path.Combine(Repository.Root, "tests/corpus/paramfree-observable-vanishing-on-binary-support.model"), "--format", format);
        Assert.True(code == 0, error);
        Assert.DoesNotContain(emptyDisplay, proof.Replace("\r\n", "\n"));
        Assert.Contains("is empty, so the Jacobian has no columns", proof);
    }

    [Theory]
    [InlineData("modulo z² = z", "modulo z$^{2}$ = z")]
    [InlineData("yᵀη ≠ 0", "y$^{\\mathrm{T}}$$\\eta$ $\\neq$ 0")]
    [InlineData("β = −σ²", "$\\beta$ = $-$$\\sigma$$^{2}$")]
    public void Text_the_kernel_writes_in_unicode_reaches_pdflatex_as_mathematics(string text, string latex)
    {
        // pdflatex has no glyph for these; without a mapping they became "[U+00B2]" in the proof.
        Assert.Equal(latex, CriterionCheck.Proofs.ProofDocument.EscapeText(text));
    }

    [Fact]
    public void Names_with_digits_underscores_and_greek_letters_render_as_the_reader_expects()
    {
        var (code, latex, _) = CliRunner.Run("prove", Path.Combine(Repository.Root, "tests/CriterionCheck.Cli.Tests/LatexNames/digits-underscores-greek.model"), "--format", "latex");
        Assert.Equal(0, code);
        // The proof is for every size, so elements carry index names: z1[h], mu_2[d], W3x[d,h], lambda[h].
        Assert.Contains("z1_{h}", latex);              // z1[h]: the digit stays in the name, the index is the subscript
        Assert.Contains("{\\mu_{2}}_{d}", latex);      // mu_2[d]: the underscore's subscript, braced, then the index
        Assert.Contains("\\mathit{W3x}_{d,h}", latex); // W3x[d,h]
        Assert.Contains("\\lambda_{h}", latex);        // lambda[h]
        Assert.Contains("^{H1}", latex);               // the plate size H1 as a sum's bound
        Assert.Contains("\\sigma^{2}", latex);
    }

    [Fact]
    public void Overfull_boxes_are_read_from_the_log()
    {
        const string log = "Overfull \\hbox (378.04094pt too wide) detected at line 102\n[]\nOverfull \\hbox (3.3pt too wide) in paragraph at lines 35--36\n";
        Assert.Equal([378.04094, 3.3], Overfull(log).Select(o => o.Points));
    }

    // Runs pdflatex on proof.tex in the folder and returns its log; a document that does not compile fails.
    private static string Compile(string folder)
    {
        ProcessRunner.Result result;
        try
        {
            result = ProcessRunner.Run("pdflatex", ["-interaction=nonstopmode", "-halt-on-error", "proof.tex"], Limit, workingDirectory: folder);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail("pdflatex is not installed; .ci/run installs it (Debian: apt-get install texlive-latex-base texlive-latex-recommended)");
            throw;
        }
        var log = File.Exists(Path.Combine(folder, "proof.log")) ? File.ReadAllText(Path.Combine(folder, "proof.log")) : "";
        Assert.True(result.Code == 0, $"pdflatex failed:\n{string.Join("\n", log.Split('\n').Where(l => l.StartsWith('!')).Take(5))}\n{result.Out[^Math.Min(2000, result.Out.Length)..]}");
        return log;
    }

    private static IEnumerable<(double Points, string Line)> Overfull(string log) =>
        Regex.Matches(log, @"Overfull \\hbox \(([0-9.]+)pt too wide\)[^\n]*").Select(m => (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Value));
}
