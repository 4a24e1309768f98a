using System.Collections.Immutable;

namespace CriterionCheck.Tests.Kernel.Tampering;

/// <summary>
/// A certificate file that is not a certificate: not JSON, truncated, wrong member types, unknown names,
/// expressions that do not parse. Reading it must fail with a located error — through the API a
/// <see cref="Spec.SpecException"/> carrying the source, through <c>verify</c> exit 2 with
/// <c>file:line:column: message</c>, the line and a caret.
/// </summary>
/// <param name="Name">A readable name.</param>
/// <param name="Spec">The spec it is read against (relative path).</param>
/// <param name="Json">The file's text.</param>
/// <param name="Offset">Where the error must be located (0-based character offset).</param>
/// <param name="Fragment">A fragment the message must contain.</param>
public sealed record MalformedCertificate(string Name, string Spec, string Json, int Offset, string Fragment)
{
    /// <summary>The 1-based line and column of <see cref="Offset"/>.</summary>
    public (int Line, int Column) Position
    {
        get
        {
            var before = Json[..Offset];
            var lastBreak = before.LastIndexOf('\n');
            return (before.Count(c => c == '\n') + 1, Offset - lastBreak);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>The malformed certificate files, written by hand around the genuine ones.</summary>
public static class MalformedCertificates
{
    private const string Pca = "model-specs/probabilistic-pca.model";
    private const string Factorization = "model-specs/poisson-factorization.model";

    // A satisfied certificate for probabilistic PCA and a witness for Poisson factorization, on one line each,
    // with a placeholder to splice a fault into.
    private const string Groups = """{"groups": [{"factors": ["z"], "theta": ["lambda"], "coefficients": {"lambda[1]": "-lambda[1]", "lambda[2]": "-lambda[2]"}}, GROUP]}""";
    private const string SigmaGroup = """{"factors": ["x"], "theta": ["sigma2"], "coefficients": {"sigma2": "-sigma2"}}""";
    private const string WitnessText = """{"witness": {"factors": ["x"], "parameters": {"W[1,1]": "6/5", "W[1,2]": "7/2", "W[2,1]": "12/5", "W[2,2]": "4", "W[3,1]": "1", "W[3,2]": "2/3"}, "latentPoints": [{"z[1]": "1", "z[2]": "1"}, {"z[1]": "2", "z[2]": "1"}, {"z[1]": "1", "z[2]": "2"}], "rows": [ROW, {"factor": "x", "element": "x[1]", "natural": 1, "latentPoint": 2, "weight": "59/82"}, {"factor": "x", "element": "x[1]", "natural": 1, "latentPoint": 3, "weight": "1"}]}}""";
    private const string FirstRow = """{"factor": "x", "element": "x[1]", "natural": 1, "latentPoint": 1, "weight": "-141/82"}""";

    /// <summary>The genuine probabilistic-PCA certificate in the one-line form the cases splice faults into.</summary>
    public static string GenuineGroups => Groups.Replace("GROUP", SigmaGroup);

    /// <summary>The genuine Poisson-factorization witness in the one-line form the cases splice faults into.</summary>
    public static string GenuineWitness => WitnessText.Replace("ROW", FirstRow);

    /// <summary>Every case.</summary>
    public static ImmutableArray<MalformedCertificate> All { get; } = Build();

    /// <summary>The case named <paramref name="name"/>.</summary>
    public static MalformedCertificate Get(string name) => All.Single(c => c.Name == name);

    /// <summary>Rows for xunit: one case name per row.</summary>
    public static IEnumerable<object[]> Rows => All.Select(c => new object[] { c.Name });

    private static ImmutableArray<MalformedCertificate> Build()
    {
        var cases = ImmutableArray.CreateBuilder<MalformedCertificate>();
        // The error is at the first occurrence of `at` in the text (plus `shift` characters).
        void Add(string name, string spec, string json, string at, string fragment, int shift = 0)
        {
            var offset = json.IndexOf(at, StringComparison.Ordinal);
            if (offset < 0) throw new InvalidOperationException($"{name}: '{at}' is not in the text");
            cases.Add(new MalformedCertificate(name, spec, json, offset + shift, fragment));
        }
        void Group(string name, string group, string at, string fragment, int shift = 0) => Add(name, Pca, Groups.Replace("GROUP", group), at, fragment, shift);
        void Row(string name, string row, string at, string fragment, int shift = 0) => Add(name, Factorization, WitnessText.Replace("ROW", row), at, fragment, shift);
        void Witness(string name, string from, string to, string at, string fragment, int shift = 0) =>
            Add(name, Factorization, GenuineWitness.Replace(from, to), at, fragment, shift);

        // ---- not a certificate at all ----
        Add("not JSON", Pca, "hello, verifier\n", "hello", "not valid JSON");
        Add("empty file", Pca, "", "", "the file is empty");
        Add("only whitespace", Pca, "  \n\t\n", "  ", "the file is empty");
        Add("truncated in the middle", Pca, GenuineGroups[..(GenuineGroups.Length / 2)], GenuineGroups[..(GenuineGroups.Length / 2)], "not valid JSON", GenuineGroups.Length / 2);
        Add("truncated before the last brace", Pca, GenuineGroups[..^1], GenuineGroups[..^1], "not valid JSON", GenuineGroups.Length - 1);
        Add("text after the JSON value", Pca, GenuineGroups + " trailing", "trailing", "not valid JSON");
        Add("nested 300 arrays deep", Pca, new string('[', 300) + new string(']', 300), "[", "not valid JSON", 256);
        Add("root is a number", Pca, "42\n", "42", "expected a certificate object, found a number");
        Add("root is a string", Pca, "\"satisfied\"\n", "\"", "expected a certificate object, found a string");
        Add("object without groups or witness", Pca, """{"verdict": "satisfied"}""", "{", "expected a member \"groups\"");
        Add("entry without a certificate", Pca, """{"file": "model-specs/probabilistic-pca.model", "verdict": "undecided", "certificate": null}""", "null", "this entry has no certificate: its verdict is undecided");
        Add("array with no entry for the spec", Pca, """[{"file": "a.model", "certificate": null}, {"file": "b.model", "certificate": null}]""", "[", "no entry of this array is for probabilistic-pca.model");
        Add("array with two entries for the spec", Pca,
            $$"""[{"file": "model-specs/probabilistic-pca.model", "certificate": {{GenuineGroups}}}, {"file": "probabilistic-pca.model", "certificate": {{GenuineGroups}}}]""",
            "[", "2 entries of this array are for probabilistic-pca.model");

        // ---- certificates: wrong member types ----
        Add("groups is an object", Pca, """{"groups": {}}""", "{}", "\"groups\" must be an array, not an object");
        Group("a group is a number", "7", "7", "a group must be a JSON object, not a number");
        Group("factors is a string", """{"factors": "x", "theta": ["sigma2"], "coefficients": {"sigma2": "-sigma2"}}""", "\"x\"", "\"factors\" must be an array of names");
        Group("theta holds a number", """{"factors": ["x"], "theta": [1], "coefficients": {"sigma2": "-sigma2"}}""", "\"theta\": [1]", "\"theta\" must be an array of names", 9);
        Group("coefficients is an array", """{"factors": ["x"], "theta": ["sigma2"], "coefficients": ["-sigma2"]}""", "[\"-sigma2\"]", "coefficients must be a JSON object, not an array of 1");
        Group("theta is missing", """{"factors": ["x"], "coefficients": {"sigma2": "-sigma2"}}""", "{\"factors\": [\"x\"], \"coefficients\"", "missing member \"theta\"");
        Group("a coefficient is a boolean", """{"factors": ["x"], "theta": ["sigma2"], "coefficients": {"sigma2": true}}""", "true", "expected an exact value as text");
        Group("a coefficient is null", """{"factors": ["x"], "theta": ["sigma2"], "coefficients": {"sigma2": null}}""", "null", "expected an exact value as text");

        // ---- certificates: names and expressions ----
        Group("unknown parameter in a key", """{"factors": ["x"], "theta": ["sigma2"], "coefficients": {"nope[1]": "-sigma2"}}""", "nope", "'nope' is not a parameter, variable or size");
        Group("unknown name in a coefficient", """{"factors": ["x"], "theta": ["sigma2"], "coefficients": {"sigma2": "-sigma3"}}""", "sigma3", "'sigma3' is not a parameter, variable or size");
        Group("a key with too many indices", """{"factors": ["x"], "theta": ["sigma2"], "coefficients": {"sigma2": "-sigma2", "lambda[1,1]": "1"}}""", "lambda[1,1]", "needs 1 indices, not 2");
        Group("a key index out of range", """{"factors": ["x"], "theta": ["sigma2"], "coefficients": {"sigma2": "-sigma2", "lambda[3]": "1"}}""", "lambda[3]", "must be a whole number in 1..2");
        Group("a coefficient that ends early", """{"factors": ["x"], "theta": ["sigma2"], "coefficients": {"sigma2": "-sigma2 +"}}""", "\"-sigma2 +\"", "expected an operand", 10);
        Group("a coefficient with an unbalanced parenthesis", """{"factors": ["x"], "theta": ["sigma2"], "coefficients": {"sigma2": "(-sigma2"}}""", "(-sigma2", "unbalanced '('");
        Group("a coefficient with a stray character", """{"factors": ["x"], "theta": ["sigma2"], "coefficients": {"sigma2": "-sigma2 @ 2"}}""", "@", "unexpected character '@'");
        Group("a coefficient with an unknown function", """{"factors": ["x"], "theta": ["sigma2"], "coefficients": {"sigma2": "-sin(sigma2)"}}""", "sin", "unknown function 'sin'");
        Group("a coefficient dividing by zero", """{"factors": ["x"], "theta": ["sigma2"], "coefficients": {"sigma2": "-sigma2/0"}}""", "/0", "division by zero", 1);
        Add("a certificate and a witness in one object", Factorization, GenuineWitness.Replace("{\"witness\":", "{\"groups\": [], \"witness\":"),
            "\"witness\":", "holds both \"groups\" (a satisfied certificate) and \"witness\"", 11);
        // A repeated JSON name: readers disagree on which value counts (review round 3), so the file is refused.
        Group("a second coefficient for one key", """{"factors": ["x"], "theta": ["sigma2"], "coefficients": {"sigma2": "-sigma2", "sigma2": "1"}}""", "\"sigma2\": \"1\"", "\"sigma2\" appears twice in this object");
        Group("a repeated member of a group", """{"factors": ["x"], "theta": ["sigma2"], "theta": ["sigma2", "lambda"], "coefficients": {"sigma2": "-sigma2"}}""", "\"theta\": [\"sigma2\", \"lambda\"]", "\"theta\" appears twice in this object");
        Group("an empty key", """{"factors": ["x"], "theta": ["sigma2"], "coefficients": {"": "-sigma2"}}""", "\"\": \"-sigma2\"", "expected an expression", 1);

        // ---- witnesses: wrong member types ----
        Add("rows is an object", Factorization, GenuineWitness.Replace("\"rows\": [", "\"rows\": {\"r\": [").Replace("\"weight\": \"1\"}]}}", "\"weight\": \"1\"}]}}}"),
            "{\"r\"", "\"rows\" must be an array, not an object");
        Witness("parameters is an array", "\"parameters\": {\"W[1,1]\": \"6/5\", \"W[1,2]\": \"7/2\", \"W[2,1]\": \"12/5\", \"W[2,2]\": \"4\", \"W[3,1]\": \"1\", \"W[3,2]\": \"2/3\"}",
            "\"parameters\": [\"6/5\"]", "[\"6/5\"]", "parameters must be a JSON object, not an array of 1");
        Witness("latentPoints is missing", "\"latentPoints\"", "\"points\"", "{\"factors\"", "missing member \"latentPoints\"");
        Witness("a latent point is a string", "{\"z[1]\": \"2\", \"z[2]\": \"1\"}", "\"z = 2\"", "\"z = 2\"", "a latent point must be a JSON object, not a string");
        Row("a row is an array", "[1, 1]", "[1, 1]", "a row must be a JSON object, not an array of 2");
        Row("factor is a number", """{"factor": 1, "element": "x[1]", "natural": 1, "latentPoint": 1, "weight": "-141/82"}""", "1, \"element\"", "\"factor\" must be a string, not a number");
        Row("natural is a string", """{"factor": "x", "element": "x[1]", "natural": "1", "latentPoint": 1, "weight": "-141/82"}""", "\"natural\": \"1\"", "\"natural\" must be a whole number, not a string", 11);
        Row("natural is huge", """{"factor": "x", "element": "x[1]", "natural": 99999999999, "latentPoint": 1, "weight": "-141/82"}""", "99999999999", "\"natural\" must be a whole number, not a number");
        Row("latentPoint is fractional", """{"factor": "x", "element": "x[1]", "natural": 1, "latentPoint": 1.5, "weight": "-141/82"}""", "1.5", "\"latentPoint\" must be a whole number");
        Row("element is a boolean", """{"factor": "x", "element": true, "natural": 1, "latentPoint": 1, "weight": "-141/82"}""", "true", "\"element\" must be an element such as \"x[2]\"");
        Row("element names no element", """{"factor": "x", "element": "x[9]", "natural": 1, "latentPoint": 1, "weight": "-141/82"}""", "\"x[9]\"", "x has no element x[9]");
        Row("element 0", """{"factor": "x", "element": 0, "natural": 1, "latentPoint": 1, "weight": "-141/82"}""", "0, \"natural\"", "\"element\" is 0; it must lie in 1..3");
        Row("weight is missing", """{"factor": "x", "element": "x[1]", "natural": 1, "latentPoint": 1}""", """{"factor": "x", "element": "x[1]", "natural": 1, "latentPoint": 1}""", "missing member \"weight\"");
        Row("weight is a boolean", """{"factor": "x", "element": "x[1]", "natural": 1, "latentPoint": 1, "weight": false}""", "false", "expected an exact value as text");
        Row("weight is an unknown name", """{"factor": "x", "element": "x[1]", "natural": 1, "latentPoint": 1, "weight": "NaN"}""", "NaN", "'NaN' is not a parameter, variable or size");
        Row("weight is infinity", """{"factor": "x", "element": "x[1]", "natural": 1, "latentPoint": 1, "weight": "Infinity"}""", "Infinity", "'Infinity' is not a parameter, variable or size");
        Row("weight divides by zero", """{"factor": "x", "element": "x[1]", "natural": 1, "latentPoint": 1, "weight": "1/0"}""", "/0", "division by zero", 1);
        Row("weight takes log(0)", """{"factor": "x", "element": "x[1]", "natural": 1, "latentPoint": 1, "weight": "log(0)"}""", "log(0)", "log(0) is not a real number");
        Row("weight is empty", """{"factor": "x", "element": "x[1]", "natural": 1, "latentPoint": 1, "weight": ""}""", "\"\"}", "expected an expression, found nothing", 1);
        Row("weight holds a replacement character", "{\"factor\": \"x\", \"element\": \"x[1]\", \"natural\": 1, \"latentPoint\": 1, \"weight\": \"1\uFFFD\"}", "\uFFFD", "invalid or unsupported character");
        Witness("unknown latent in a point", "{\"z[1]\": \"2\", \"z[2]\": \"1\"}", "{\"y[1]\": \"2\", \"z[2]\": \"1\"}", "y[1]", "'y' is not a parameter, variable or size");
        Witness("a parameter given twice", "\"W[1,2]\": \"7/2\"", "\"W[1,2]\": \"7/2\", \"W[1,2]\": \"1\"", "\"W[1,2]\": \"1\"", "\"W[1,2]\" appears twice in this object");
        Witness("an undeclared function in a point", "{\"z[1]\": \"2\", \"z[2]\": \"1\"}", "{\"z[1]\": \"2\", \"z[2]\": \"1\", \"g(z[1])\": \"1\"}", "g(z[1])", "unknown function 'g'");
        Witness("a parameter value that does not parse", "\"W[3,1]\": \"1\"", "\"W[3,1]\": \"1 1\"", "1 1", "", 2);
        return cases.ToImmutable();
    }
}
