using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Domains;
using CriterionCheck.Symbolics.Evaluation;
using CriterionCheck.Symbolics.Normalization;
using CriterionCheck.Symbolics.Polynomials;

namespace CriterionCheck.Symbolics.ZeroTesting;

/// <summary>
/// The three-way zero test. First a proof: normalise under the domains, rewrite over exp/log, bring to a
/// rational form and check that the numerator expands to the zero polynomial. Failing that, evidence:
/// evaluate the original expression at seeded random points of the domains — exactly, in rationals,
/// when the expression is rational; in doubles with a relative tolerance otherwise.
/// </summary>
public sealed class ZeroTest
{
    private readonly DomainAssumptions assumptions;
    private readonly int seed;

    /// <summary>Points evaluated before answering "probably zero".</summary>
    public int Points { get; init; } = 12;

    /// <summary>|value| ≤ Tolerance · scale counts as zero in double evaluation.</summary>
    public double Tolerance { get; init; } = 1e-9;

    /// <summary>A zero test under <paramref name="assumptions"/>, sampling with <paramref name="seed"/>.</summary>
    public ZeroTest(DomainAssumptions? assumptions = null, int seed = 20240917)
    {
        this.assumptions = assumptions ?? DomainAssumptions.None;
        this.seed = seed;
    }

    /// <summary>Tests <paramref name="e"/> with default assumptions and seed.</summary>
    public static ZeroTestResult Test(Expr e, DomainAssumptions? assumptions = null) => new ZeroTest(assumptions).Run(e);

    /// <summary>Decides whether <paramref name="e"/> is zero on the declared domains.</summary>
    public ZeroTestResult Run(Expr e) => Prove(e) ? new ZeroTestResult(ZeroTestOutcome.ProvedZero) : Sample(e);

    /// <summary>True when <paramref name="e"/> is provably identically zero.</summary>
    public bool Prove(Expr e)
    {
        if (e.IsZero) return true;
        var normal = new Normalizer(assumptions).Apply(e);
        if (normal.IsZero) return true;
        var rewritten = new ExpLogRewriter(assumptions).Apply(normal);
        if (rewritten.IsZero) return true;
        try { return RationalForm.From(rewritten).Numerator.IsZero; }
        catch (ExpansionLimitException) { return false; }
        catch (SymbolicException) { return false; }
    }

    private ZeroTestResult Sample(Expr e)
    {
        var random = new Random(seed);
        var symbols = e.Symbols();
        var exact = ExactEvaluator.IsRational(e);
        var judged = 0;
        for (var attempt = 0; attempt < Points * 4 && judged < Points; attempt++)
        {
            if (exact)
            {
                var point = symbols.ToDictionary(s => (Expr)s, s => RandomRational(random, assumptions.Of(s)));
                if (ExactEvaluator.TryEvaluate(e, point) is not { } value) continue;
                judged++;
                if (!value.IsZero)
                    return new ZeroTestResult(ZeroTestOutcome.Nonzero, point.ToDictionary(p => p.Key, p => p.Value.ToDouble()), value.ToDouble());
            }
            else
            {
                var point = symbols.ToDictionary(s => (Expr)s, s => RandomDouble(random, assumptions.Of(s)));
                var opaqueValues = new Dictionary<OpaqueCall, double>();
                double OpaqueValue(OpaqueCall call, double[] args)
                {
                    // Distinct opaque atoms are independent unknowns: give each its own random value,
                    // determined by its arguments' values at this point.
                    var key = OpaqueCall.Of(call.Name, call.Indices, args.Select(a => (Expr)Number.Of(Quantize(a))), call.InputCount, call.Derivatives);
                    if (!opaqueValues.TryGetValue(key, out var v)) opaqueValues[key] = v = random.NextDouble() * 4 - 2;
                    return v;
                }
                var (value, scale) = EvaluateWithScale(e, point, OpaqueValue);
                if (!double.IsFinite(value) || !double.IsFinite(scale)) continue;
                judged++;
                if (Math.Abs(value) > Tolerance * Math.Max(1, scale))
                    return new ZeroTestResult(ZeroTestOutcome.Nonzero, point, value);
            }
        }
        return new ZeroTestResult(judged > 0 ? ZeroTestOutcome.ProbablyZero : ZeroTestOutcome.Undecided);
    }

    // The value and the sum of the absolute values of its top-level terms: cancellation among large
    // terms leaves rounding noise proportional to that sum, not to the result.
    private static (double Value, double Scale) EvaluateWithScale(Expr e, IReadOnlyDictionary<Expr, double> point, Func<OpaqueCall, double[], double> opaque)
    {
        if (e is not Sum s) { var v = Evaluator.Evaluate(e, point, opaque); return (v, Math.Abs(v)); }
        double value = s.Constant.ToDouble(), scale = Math.Abs(value);
        foreach (var t in s.Terms)
        {
            var tv = Evaluator.Evaluate(t, point, opaque);
            value += tv;
            scale += Math.Abs(tv);
        }
        return (value, scale);
    }

    private static Rational Quantize(double x) => double.IsFinite(x) ? new Rational(new System.Numerics.BigInteger(Math.Round(x * 1e12)), new System.Numerics.BigInteger(1e12)) : Rational.Zero;

    private static Rational RandomRational(Random random, Domain domain) => domain switch
    {
        Domain.Positive => new Rational(random.Next(1, 1000), random.Next(1, 100)),
        Domain.UnitInterval => RandomUnit(random),
        _ => new Rational(random.Next(-1000, 1001), random.Next(1, 100)),
    };

    private static Rational RandomUnit(Random random)
    {
        var d = random.Next(2, 1000);
        return new Rational(random.Next(1, d), d);
    }

    private static double RandomDouble(Random random, Domain domain) => domain switch
    {
        Domain.Positive => 0.1 + random.NextDouble() * 3,
        Domain.UnitInterval => 0.05 + random.NextDouble() * 0.9,
        _ => random.NextDouble() * 4 - 2,
    };
}
