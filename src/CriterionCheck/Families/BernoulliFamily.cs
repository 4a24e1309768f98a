using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Families;

/// <summary>Bernoulli(p) on {0, 1}: T = x, η = logit p, A = log(1 + e^η), h = 1.</summary>
public static class BernoulliFamily
{
    /// <summary>The spec-language definition.</summary>
    public static FamilyDefinition Definition { get; } = new("Bernoulli", "Bernoulli(p) on {0, 1}, p in (0, 1)",
        [new("p", ArgumentKind.Scalar, ParameterDomain.UnitInterval)], _ => Build());

    private static ExponentialFamily Build()
    {
        var p = FamilyParameter.Scalar("p", ParameterDomain.UnitInterval);
        var x = Symbol.Of("x");
        var eta = Symbol.Of(ExponentialFamily.NaturalSymbolName, 1);
        var q = p.Entries[0];
        return new ExponentialFamily("Bernoulli", [p], [x], new Support(SupportKind.Binary), [x],
            [FunctionCall.Logit(q)], FunctionCall.Softplus(eta), Number.Zero)
        {
            EntropyDisplay = -(q * FunctionCall.Log(q)) - (Number.One - q) * FunctionCall.Log(Number.One - q),
        };
    }
}
