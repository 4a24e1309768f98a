using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Families;

/// <summary>
/// Binomial(n, p) with known n on {0, …, n}: T = x, η = logit p, A = n·log(1 + e^η),
/// h = C(n, x) — a non-constant base measure (Theorem 2).
/// </summary>
public static class BinomialFamily
{
    /// <summary>The largest number of trials accepted.</summary>
    public const int MaxTrials = 1_000_000;

    /// <summary>The spec-language definition.</summary>
    public static FamilyDefinition Definition { get; } = new("Binomial", "Binomial(n, p) on 0..n with n a known positive integer",
        [new("n", ArgumentKind.KnownCount, ParameterDomain.Positive), new("p", ArgumentKind.Scalar, ParameterDomain.UnitInterval)],
        sizes => Build(sizes[0]));

    private static ExponentialFamily Build(int n)
    {
        if (n is < 1 or > MaxTrials) throw new FamilyException($"Binomial's n must be an integer from 1 to {MaxTrials}, not {n}", 0);
        var trials = new FamilyParameter("n", ArgumentKind.KnownCount, ParameterDomain.Positive, []);
        var p = FamilyParameter.Scalar("p", ParameterDomain.UnitInterval);
        var x = Symbol.Of("x");
        var eta = Symbol.Of(ExponentialFamily.NaturalSymbolName, 1);
        var logBase = FunctionCall.LogGamma(n + 1) - FunctionCall.LogGamma(x + 1) - FunctionCall.LogGamma(n - x + 1);
        return new ExponentialFamily("Binomial", [trials, p], [x], new Support(SupportKind.BoundedCount, n), [x],
            [FunctionCall.Logit(p.Entries[0])], n * FunctionCall.Softplus(eta), logBase);
    }
}
