using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Families;

/// <summary>Poisson(rate) on {0, 1, …}: T = x, η = log rate, A = e^η, h = 1/x! — a non-constant base measure (Theorem 2).</summary>
public static class PoissonFamily
{
    /// <summary>The spec-language definition.</summary>
    public static FamilyDefinition Definition { get; } = new("Poisson", "Poisson(rate) on the counts 0, 1, 2, ...",
        [new("rate", ArgumentKind.Scalar, ParameterDomain.Positive)], _ => Build());

    private static ExponentialFamily Build()
    {
        var rate = FamilyParameter.Scalar("rate", ParameterDomain.Positive);
        var x = Symbol.Of("x");
        var eta = Symbol.Of(ExponentialFamily.NaturalSymbolName, 1);
        return new ExponentialFamily("Poisson", [rate], [x], new Support(SupportKind.Count), [x],
            [FunctionCall.Log(rate.Entries[0])], FunctionCall.Exp(eta), -FunctionCall.LogGamma(x + 1));
    }
}
