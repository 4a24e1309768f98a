using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Domains;
using CriterionCheck.Symbolics.Normalization;
using CriterionCheck.Symbolics.Polynomials;

namespace CriterionCheck.Symbolics.ZeroTesting;

/// <summary>
/// Rewrites an expression over the exp/log basis so that the rational-form test sees through the
/// logistic family: sigmoid u = 1/(1 + exp(−u)), softplus u = log(1 + exp u), tanh u = 1 − 2/(exp(2u) + 1),
/// logit p = log p − log(1 − p); exp(c·t + …) = exp(t)^c ⋯ (so exp(2a) and exp(a)² coincide);
/// exp(c·log v) = v^c; and log of a rational form splits into logs of its positive parts. Every rewrite
/// preserves the value wherever the input is defined. The output is for deciding zero, not for reading.
/// </summary>
public sealed class ExpLogRewriter
{
    private readonly Bounds bounds;
    private readonly Normalizer normalizer;
    private readonly Dictionary<Expr, Expr> cache = new();

    /// <summary>A rewriter using <paramref name="assumptions"/> to prove the positivity log splitting needs.</summary>
    public ExpLogRewriter(DomainAssumptions assumptions)
    {
        bounds = new Bounds(assumptions);
        normalizer = new Normalizer(assumptions);
    }

    /// <summary>The rewritten form of <paramref name="e"/>.</summary>
    public Expr Apply(Expr e)
    {
        if (cache.TryGetValue(e, out var known)) return known;
        var result = e switch
        {
            Number or Constant or Symbol => e,
            Sum s => Sum.Of(s.Children.Select(Apply)),
            Product p => Product.Of(p.Children.Select(Apply)),
            Power p => RewritePower(Apply(p.Base), Apply(p.Exponent)),
            FunctionCall f => RewriteFunction(f),
            OpaqueCall o => o.With(o.Indices.Select(Apply), o.Arguments.Select(Apply)),
            MatrixFunction m => m.With(m.Entries.Select(Apply)),
            IndexedSum s => IndexedSum.Of(s.Index, Apply(s.Upper), Apply(s.Body), s.DisplayName),
            KroneckerDelta => e,
            _ => throw new InvalidOperationException("unknown expression node " + e.GetType().Name),
        };
        cache[e] = result;
        return result;
    }

    private Expr RewritePower(Expr b, Expr e)
    {
        // b^e = exp(e·log b) for positive b and a non-numeric exponent.
        if (e is not Number && bounds.IsPositive(b)) return Exp(Product.Of(e, Log(b)));
        return Power.Of(b, e);
    }

    private Expr RewriteFunction(FunctionCall f)
    {
        var u = Apply(f.Argument);
        return f.Function switch
        {
            FunctionKind.Exp => Exp(u),
            FunctionKind.Log => Log(u),
            FunctionKind.Sigmoid => Power.Of(Sum.Of(Number.One, Exp(-u)), Number.MinusOne),
            FunctionKind.Softplus => Log(Sum.Of(Number.One, Exp(u))),
            FunctionKind.Tanh => Sum.Of(Number.One, Product.Of(Number.Of(-2), Power.Of(Sum.Of(Exp(Product.Of(Number.Two, u)), Number.One), Number.MinusOne))),
            FunctionKind.Logit => Sum.Of(Log(u), -Log(Sum.Of(Number.One, -u))),
            _ => FunctionCall.Of(f.Function, [.. f.Arguments.SkipLast(1), u]),
        };
    }

    private Expr Exp(Expr u)
    {
        var factors = new List<Expr>();
        var terms = u is Sum s ? s.Children : [u];
        foreach (var t in terms)
        {
            if (t is Number n) { factors.Add(Power.Of(FunctionCall.E, n)); continue; }
            var (core, c) = Product.SplitCoefficient(t);
            // Where log v is defined v > 0, so exp(c·log v) = v^c holds wherever the input is defined.
            if (core is FunctionCall { Function: FunctionKind.Log } log) factors.Add(Power.Of(log.Argument, Number.Of(c)));
            else factors.Add(Power.Of(FunctionCall.Exp(core), Number.Of(c)));
        }
        return Product.Of(factors);
    }

    private Expr Log(Expr u)
    {
        // The normaliser's log rules first (positive factors, powers, primes), then the rational split
        // of whatever log of a compound argument remains.
        var split = normalizer.LogOf(u);
        var terms = split is Sum s ? s.Children : [split];
        return Sum.Of(terms.Select(t =>
        {
            var (core, c) = Product.SplitCoefficient(t);
            return core is FunctionCall { Function: FunctionKind.Log, Argument: Sum or Product or Power } log
                ? Product.Of(Number.Of(c), SplitRational(log.Argument))
                : t;
        }));
    }

    private Expr SplitRational(Expr u)
    {
        var whole = FunctionCall.Log(u);
        RationalForm form;
        try { form = RationalForm.From(u); }
        catch (ExpansionLimitException) { return whole; }
        // u = s · m · P / Π Pᵢ^kᵢ: split when every part is provably positive.
        var (scalar, monomial, primitive) = form.Numerator.Content();
        if (scalar.Sign <= 0) return whole;
        var parts = new List<Expr> { normalizer.LogOf(Number.Of(scalar)) };
        foreach (var (atom, e) in monomial.Powers)
        {
            if (!bounds.IsPositive(atom)) return whole;
            parts.Add(Product.Of(Number.Of(e), atom is FunctionCall { Function: FunctionKind.Exp } ex ? ex.Argument : normalizer.LogOf(atom)));
        }
        var p = primitive.ToExpr();
        if (!p.IsOne)
        {
            if (!bounds.IsPositive(p)) return whole;
            parts.Add(FunctionCall.Log(p));
        }
        foreach (var (factor, k) in form.Denominator)
        {
            var d = factor.ToExpr();
            if (!bounds.IsPositive(d)) return whole;
            parts.Add(Product.Of(Number.Of(-k), FunctionCall.Log(d)));
        }
        return Sum.Of(parts);
    }
}
