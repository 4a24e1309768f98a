using System.Text;

namespace CriterionCheck.Cli.Tests.MalformedSpecs;

/// <summary>
/// Every malformed spec in this folder, run through <c>show</c>: exit code 2, nothing on standard output,
/// and on standard error exactly <c>file:line:column: message</c>, the source line and a caret under the
/// offending column; never a crash, a stack trace or an internal error. Huge inputs (a 1 MB line,
/// 10,000 nested parentheses) are generated at test time.
/// </summary>
public class MalformedSpecTests
{
    private static readonly string CorpusDirectory = Path.Combine(AppContext.BaseDirectory, "MalformedSpecs");

    // File, expected line, expected column (1-based, in characters), a fragment of the expected message.
    public static TheoryData<string, int, int, string> Corpus => new()
    {
        { "absurd-nested-sum.model", 10, 28, "the model is too large" },
        { "binomial-count-not-literal.model", 10, 30, "n must be a known positive whole number" },
        { "builtin-function-arity.model", 9, 50, "tanh takes 1 argument, not 2" },
        { "categorical-index-wrong-size.model", 9, 31, "'c' takes values 1..2 but axis 1 of parameter p[C, D] has size 3" },
        { "categorical-probabilities-not-simplex.model", 8, 25, "simplex" },
        { "categorical-with-vector-axis.model", 8, 9, "a categorical variable is one index per element" },
        { "comment-only.model", 5, 1, "the spec has no observable" },
        { "covariance-not-posdef.model", 10, 32, "posdef" },
        { "cycle.model", 10, 9, "cycle: y depends on z, which depends on y" },
        { "depends-on-observable.model", 10, 50, "'x' is the observable; no other variable may depend on it" },
        { "dims-fractional.model", 3, 10, "'2.5' is not a valid size" },
        { "dims-huge.model", 3, 10, "size H = 99999999999 is out of range: sizes run from 1 to 1,000,000" },
        { "dims-negative.model", 3, 10, "'-1' is not a valid size" },
        { "dims-not-a-number.model", 3, 10, "'abc' is not a valid size" },
        { "dims-zero.model", 3, 10, "size H = 0 is out of range" },
        { "duplicate-parameter.model", 9, 7, "'mu' is already declared as a parameter on line 7" },
        { "duplicate-size.model", 3, 20, "'H' is already declared as a size on line 3" },
        { "empty.model", 1, 1, "the spec has no observable" },
        { "empty-title.model", 2, 7, "the model's title is empty" },
        { "expect-bad-word.model", 13, 8, "expect takes satisfied or violated, not 'satisified' (did you mean 'satisfied'?)" },
        { "expression-missing-comma.model", 10, 30, "expected ',' or ')' in the arguments of Normal, found name 'lambda'" },
        { "expression-missing-operand.model", 11, 50, "expected an operand, found '*'" },
        { "expression-unexpected-character.model", 11, 48, "unexpected character '@'" },
        { "family-log-partition-eta-out-of-range.model", 13, 23, "not 'eta[2]'" },
        { "family-log-partition-not-eta.model", 13, 22, "the log-partition may use only eta[1], not 'rate'" },
        { "family-natural-statistics-mismatch.model", 12, 3, "family Expo has 1 natural parameter(s) but 2 statistic(s)" },
        { "family-shadows-built-in.model", 9, 8, "'Poisson' is a built-in family" },
        { "family-unknown-item.model", 12, 2, "unknown family item 'statistic' (did you mean 'statistics'?)" },
        { "family-used-before-declaration.model", 9, 21, "family 'Expo' is used before its declaration" },
        { "family-without-end.model", 9, 8, "family 'Expo' is not closed" },
        { "family-without-end-at-end-of-file.model", 14, 8, "family 'Expo' is not closed" },
        { "function-input-not-latent.model", 9, 20, "the inputs of f must be latent variables; 'sigma2' is not one" },
        { "index-out-of-range.model", 11, 40, "index 4 is out of range: axis 1 of parameter W[D, H] runs over 1..3" },
        { "invalid-utf8.model", 8, 18, "invalid UTF-8: byte 0xFF" },
        { "invalid-utf8-truncated-sequence.model", 2, 6, "invalid UTF-8: byte 0xC3" },
        { "missing-domain.model", 6, 7, "parameter 'W' has no domain" },
        { "missing-observable.model", 14, 1, "the spec has no observable" },
        { "missing-tilde.model", 10, 19, "expected '~'" },
        { "misspelt-family.model", 9, 21, "unknown family 'Bernouli' (did you mean 'Bernoulli'?)" },
        { "mvnormal-covariance-not-indexed.model", 10, 32, "covariance must be a square matrix, but Sigma has 3 axes and 0 of them are indexed" },
        { "mvnormal-non-square-covariance.model", 10, 32, "covariance must be square" },
        { "mvnormal-observable-without-vector-axis.model", 10, 9, "shape mismatch: x has 1 coordinate per element but MvNormal here is over 3" },
        { "mvnormal-size-mismatch.model", 10, 32, "MvNormal's mean has length 2 but its covariance is 3×3" },
        { "no-latent.model", 8, 1, "the model has no latent variable" },
        { "not-a-family-call.model", 10, 21, "expected a family after '~'" },
        { "opaque-missing-parameter.model", 12, 28, "f takes 1 input(s) and 1 parameter(s), but is given 1 and 0" },
        { "opaque-wrong-blocks.model", 12, 28, "call f with the blocks it is declared with: f[d](z; w)" },
        { "parameter-and-latent-same-name.model", 10, 9, "'z' is already declared as a parameter on line 5" },
        { "parameter-declared-after-use.model", 10, 65, "parameter 'sigma2' is used before its declaration on line 11" },
        { "parameter-too-many-elements.model", 6, 7, "parameter W would have more than 10,000,000 elements" },
        { "plate-index-clashes-with-parameter.model", 10, 11, "plate index 'h' clashes with the parameter declared on line 7" },
        { "plate-index-used-twice.model", 10, 19, "plate index 'd' is used twice" },
        { "posdef-non-square.model", 7, 22, "a positive-definite matrix needs two last axes of equal size" },
        { "scalar-parameter-indexed.model", 11, 65, "parameter sigma2 is a scalar and takes no index" },
        { "self-dependency.model", 10, 28, "'z' cannot depend on itself" },
        { "simplex-with-one-entry.model", 5, 13, "a simplex needs a last axis of at least 2 entries" },
        { "size-used-before-dims.model", 4, 14, "size 'H' is used before its declaration on line 9" },
        { "sum-index-shadows-plate.model", 11, 32, "index 'd' is already bound by the plate" },
        { "sum-without-binder.model", 11, 28, "sum takes a binder and a body" },
        { "trailing-garbage.model", 3, 19, "unexpected 'K' after the end of the statement" },
        { "two-expects.model", 14, 1, "the spec has two expect statements (the first on line 13)" },
        { "two-model-titles.model", 3, 1, "the spec has two model titles" },
        { "two-observables.model", 13, 9, "a spec has one observable, and 'x' is declared on line 12" },
        { "unbalanced-close-parenthesis.model", 10, 41, "unbalanced ')'" },
        { "unbalanced-parentheses.model", 11, 27, "unbalanced '(': the arguments of Normal are not closed" },
        { "undefined-index.model", 11, 45, "undefined name 'k'" },
        { "undefined-plate-size.model", 10, 16, "undefined size 'J'" },
        { "undefined-size.model", 6, 12, "undefined size 'K'" },
        { "unknown-domain.model", 8, 14, "unknown domain 'postive' (did you mean 'positive'?)" },
        { "unknown-family.model", 10, 21, "unknown family 'Gaussian'" },
        { "unknown-function.model", 10, 31, "unknown function 'sigmoi'" },
        { "unknown-statement.model", 8, 1, "unknown statement 'parm' (did you mean 'param'?)" },
        { "unsupported-interval.model", 5, 16, "unsupported interval" },
        { "unterminated-title.model", 2, 7, "unterminated title" },
        { "unused-parameter.model", 9, 7, "parameter 'nu' is declared but no factor uses it" },
        { "vector-argument-given-a-scalar.model", 8, 25, "p must be a vector" },
        { "wrong-arity.model", 10, 21, "Normal(mean, variance) takes 2 arguments, not 1" },
        { "wrong-arity-poisson.model", 9, 21, "Poisson(rate) takes 1 argument, not 2" },
        { "wrong-number-of-indices.model", 11, 40, "parameter W[D, H] needs 2 indices, not 1" },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Malformed_spec_is_reported_at_the_offending_token(string file, int line, int column, string fragment) =>
        AssertReported(Path.Combine(CorpusDirectory, file), line, column, fragment);

    [Fact]
    public void Every_file_of_the_corpus_has_a_row_and_every_row_a_file()
    {
        var files = Directory.GetFiles(CorpusDirectory).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();
        var rows = Corpus.Select(row => (string)row[0]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(rows.Distinct().Count(), rows.Count);
        Assert.Equal(rows, files);
    }

    [Fact]
    public void Corpus_has_at_least_40_files() =>
        Assert.True(Directory.GetFiles(CorpusDirectory, "*.model").Length >= 40, "the malformed-spec corpus has fewer than 40 files");

    // ---- inputs too large to commit ---------------------------------------------------------------

    private const string Preamble = """
        model "Probabilistic PCA"
        dims H = 2, D = 3

        param lambda[H] positive
        param W[D, H] real
        param mu[D] real
        param sigma2 positive

        latent  z[h in H] ~ Normal(0, lambda[h])

        """;

    private const string ObservePrefix = "observe x[d in D] ~ Normal(";

    // A sum of about 1 MB of well-formed terms.
    private static string MegabyteOfTerms()
    {
        var terms = new StringBuilder(1 << 20);
        while (terms.Length < 1_000_000) terms.Append("W[d, 1] * z[1] + ");
        return terms.ToString();
    }

    [Fact]
    public void Syntax_error_near_the_end_of_a_1_MB_line()
    {
        var observe = ObservePrefix + MegabyteOfTerms() + "mu[d] + ";
        var column = observe.Length + 1;
        observe += "* z[2], sigma2)";
        AssertGenerated(Preamble + observe + "\n\nexpect satisfied\n", 10, column, "expected an operand, found '*'");
    }

    [Fact]
    public void Syntax_error_near_the_start_of_a_1_MB_line()
    {
        var observe = ObservePrefix + "mu[d] + ";
        var column = observe.Length + 1;
        observe += "* " + MegabyteOfTerms() + "z[2], sigma2)";
        AssertGenerated(Preamble + observe + "\n\nexpect satisfied\n", 10, column, "expected an operand, found '*'");
    }

    [Fact]
    public void Ten_thousand_nested_parentheses()
    {
        // Normal( is the first level; the 200th parenthesis inside it is level 201, one too deep.
        var observe = ObservePrefix + new string('(', 10_000) + "mu[d]" + new string(')', 10_000) + ", sigma2)";
        AssertGenerated(Preamble + observe + "\n\nexpect satisfied\n", 10, ObservePrefix.Length + 200, "expression nests more than 200 levels deep");
    }

    [Fact]
    public void Ten_thousand_nested_unary_minuses()
    {
        var observe = ObservePrefix + new string('-', 10_000) + "mu[d], sigma2)";
        AssertGenerated(Preamble + observe + "\n\nexpect satisfied\n", 10, ObservePrefix.Length + 200, "expression nests more than 200 levels deep");
    }

    [Fact]
    public void Ten_thousand_nested_function_calls()
    {
        // The 200th exp( inside Normal( is level 201; the error is at its '('.
        var observe = ObservePrefix + string.Concat(Enumerable.Repeat("exp(", 10_000)) + "mu[d]" + new string(')', 10_000) + ", sigma2)";
        AssertGenerated(Preamble + observe + "\n\nexpect satisfied\n", 10, ObservePrefix.Length + 4 * 199 + 4, "expression nests more than 200 levels deep");
    }

    private static void AssertGenerated(string text, int line, int column, string fragment)
    {
        var directory = Directory.CreateTempSubdirectory("malformed-spec-");
        try
        {
            var path = Path.Combine(directory.FullName, "generated.model");
            File.WriteAllText(path, text, new UTF8Encoding(false));
            AssertReported(path, line, column, fragment);
        }
        finally { directory.Delete(recursive: true); }
    }

    // ---- the check ---------------------------------------------------------------------------------

    private static void AssertReported(string path, int line, int column, string fragment)
    {
        var (code, stdout, stderr) = CliRunner.Run("show", path);
        var actual = $"actual: exit code {code}, {(stdout.Length == 0 ? "no output" : $"{stdout.Length} characters of output")}, standard error:\n{stderr}";
        Assert.False(stderr.Contains("internal error") || stderr.Contains("Exception") || stderr.Contains("   at "), actual);
        Assert.True(code == 2, actual);
        Assert.True(stdout == "", actual);

        var lines = stderr.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 3, actual);
        var location = $"{path}:{line}:{column}: ";
        Assert.True(lines[0].StartsWith(location, StringComparison.Ordinal) && lines[0][location.Length..].Contains(fragment, StringComparison.Ordinal),
            $"expected: {location}…{fragment}…\n{actual}");
        AssertSourceAndCaret(SourceLine(path, line), column, lines[1], lines[2]);
    }

    // The line as the tool decodes it: UTF-8 with invalid bytes shown as U+FFFD, without its line break.
    private static string SourceLine(string path, int line)
    {
        var lines = Encoding.UTF8.GetString(File.ReadAllBytes(path)).Split('\n');
        Assert.InRange(line, 1, lines.Length);
        return lines[line - 1].TrimEnd('\r');
    }

    // Second line: the source line indented two spaces (a window with "…" at a cut end for a long line,
    // control characters as '?'); third line: '^' under the column, then optional '~', tabs kept so the
    // caret lines up.
    private static void AssertSourceAndCaret(string source, int column, string shownLine, string caretLine)
    {
        Assert.StartsWith("  ", shownLine);
        Assert.StartsWith("  ", caretLine);
        var shown = shownLine[2..];
        var caret = caretLine[2..];
        var at = caret.IndexOf('^');
        Assert.True(at >= 0, $"no caret in '{caretLine}'");
        Assert.Equal(caret[..at], string.Concat(shown.Take(at).Select(c => c == '\t' ? '\t' : ' ')));
        Assert.Matches("^\\^~*$", caret[at..]);

        var visible = new string(source.Select(c => char.IsControl(c) && c != '\t' ? '?' : c).ToArray());
        var cutStart = shown.StartsWith('…') && !visible.StartsWith('…');
        var core = cutStart ? shown[1..] : shown;
        var start = column - 1 - (at - (cutStart ? 1 : 0));
        Assert.True(start >= 0 && start <= visible.Length, $"caret at {at} of '{shownLine}' does not line up with column {column}");
        var cutEnd = core.EndsWith('…') && !visible[start..].StartsWith(core);
        if (cutEnd) core = core[..^1];
        Assert.Equal(cutStart, start > 0);
        Assert.True(visible[start..].StartsWith(core), $"'{shownLine}' is not the source line at column {column}");
        Assert.Equal(cutEnd, start + core.Length < visible.Length);
        if (visible.Length <= 120) Assert.Equal(visible, shown);
        else Assert.InRange(shown.Length, 40, 130);
    }
}
