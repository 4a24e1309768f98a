using System.Collections.Immutable;

namespace CriterionCheck.Tests.Kernel.Tampering;

/// <summary>
/// A witness file forged by hand that the kernel must refuse: values outside the real domain of a parameter or a
/// latent, or an opaque function given two values at one input written two ways.
/// </summary>
/// <param name="Name">A readable name.</param>
/// <param name="Spec">The spec it claims to refute (relative path).</param>
/// <param name="Json">The witness file.</param>
/// <param name="Mentions">Text a problem must contain: the offending value or the words of the check that catches it.</param>
public sealed record ForgedWitness(string Name, string Spec, string Json, string Mentions)
{
    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>The forged witnesses.</summary>
public static class ForgedWitnesses
{
    /// <summary>The satisfied test spec whose only critical point is w = sqrt(-1).</summary>
    public const string CubicWeight = "tests/CriterionCheck.Tests/Kernel/Specs/cubic-weight-satisfied.model";

    private const string Vae = """{"witness": {"factors": ["x"], "parameters": {"w[1,1]": "-7/3", "w[1,2]": "-4/7", "w[2,1]": "4/3", "w[2,2]": "9/4", "w[3,1]": "-1/2", "w[3,2]": "-5/2"}, "latentPoints": [{"z[1]": "Z1A", "z[2]": "Z2", "f[1](z; w)": "-5/2", "f[1]'[2](z; w)": "-3/4"}, {"z[1]": "Z1B", "z[2]": "Z2", "f[1](z; w)": "4/3", "f[1]'[2](z; w)": "1"}], "rows": [{"factor": "x", "element": "x[1]", "natural": 1, "latentPoint": 1, "weight": "4/3"}, {"factor": "x", "element": "x[1]", "natural": 1, "latentPoint": 2, "weight": "1"}]}}""";

    private const string FixedVariance = """{"witness": {"factors": ["x"], "parameters": {"W[1,1]": "W11", "W[1,2]": "-4/7", "W[2,1]": "4/3", "W[2,2]": "9/4", "W[3,1]": "-1/2", "W[3,2]": "-5/2", "mu[1]": "-1", "mu[2]": "-3/4", "mu[3]": "1"}, "latentPoints": [{}], "rows": [{"factor": "x", "element": "x[1]", "natural": 2, "latentPoint": 1, "weight": "1"}]}}""";

    private const string TiedLogit = """{"witness": {"factors": ["z", "x"], "parameters": {"mu[1]": "MU1", "mu[2]": "-1", "mu[3]": "4/7", "s": "12/5"}, "latentPoints": [{"z": "0"}, {"z": "1"}], "rows": [{"factor": "z", "element": "z", "natural": 2, "latentPoint": 1, "weight": "-288/25"}, {"factor": "x", "element": "x[1]", "natural": 1, "latentPoint": 1, "weight": "-1"}, {"factor": "x", "element": "x[1]", "natural": 1, "latentPoint": 2, "weight": "1"}]}}""";

    /// <summary>Every forged witness.</summary>
    public static ImmutableArray<ForgedWitness> All { get; } =
    [
        // A false "violated" for a satisfied spec: w and the weights imaginary, where the column (w^2 + 1) z is 0.
        new("imaginary w and weights refute a satisfied spec", CubicWeight,
            """{"witness": {"factors": ["x"], "parameters": {"w": "sqrt(-1)", "mu[1]": "0"}, "latentPoints": [{"z": "0"}, {"z": "1"}], "rows": [{"factor": "x", "element": "x[1]", "natural": 1, "latentPoint": 1, "weight": "-sqrt(-1)"}, {"factor": "x", "element": "x[1]", "natural": 1, "latentPoint": 2, "weight": "sqrt(-1)"}]}}""",
            "sqrt(-1)"),
        // Real parameters with values that are not real numbers.
        new("real parameter W[1,1] = sqrt(-1)", "model-specs/fixed-variance-gaussian.model", FixedVariance.Replace("W11", "sqrt(-1)"), "sqrt(-1)"),
        new("real parameter W[1,1] = log(-2)", "model-specs/fixed-variance-gaussian.model", FixedVariance.Replace("W11", "log(-2)"), "log(-2)"),
        new("real parameter mu[1] = log(-1), rows from two factors", "tests/corpus/tied-prior-variance-in-logit-fails.model", TiedLogit.Replace("MU1", "log(-1)"), "log(-1)"),
        // A real latent with a value that is not a real number.
        new("real latent z[2] = sqrt(-1)", "model-specs/vae-bernoulli.model", Vae.Replace("Z1A", "0").Replace("Z1B", "1").Replace("Z2", "sqrt(-1)"), "sqrt(-1)"),
        // One input written two ways: f[1] is given two values at the same z.
        new("f[1] at z[1] = log(4) and at z[1] = 2*log(2)", "model-specs/vae-bernoulli.model", Vae.Replace("Z1A", "log(4)").Replace("Z1B", "2*log(2)").Replace("Z2", "0"), "which have the same inputs"),
        new("f[1] at z[1] = exp(log(2)) and at z[1] = 2", "model-specs/vae-bernoulli.model", Vae.Replace("Z1A", "exp(log(2))").Replace("Z1B", "2").Replace("Z2", "0"), "which have the same inputs"),
        new("f[1] at z[1] = log(2) + log(3) and at z[1] = log(6)", "model-specs/vae-bernoulli.model", Vae.Replace("Z1A", "log(2) + log(3)").Replace("Z1B", "log(6)").Replace("Z2", "0"), "which have the same inputs"),
    ];

    /// <summary>The forged witness named <paramref name="name"/>.</summary>
    public static ForgedWitness Get(string name) => All.Single(f => f.Name == name);

    /// <summary>Rows for xunit: one name per row.</summary>
    public static IEnumerable<object[]> Rows => All.Select(f => new object[] { f.Name });
}
