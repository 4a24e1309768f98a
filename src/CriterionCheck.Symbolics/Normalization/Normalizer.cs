using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Domains;

namespace CriterionCheck.Symbolics.Normalization;

/// <summary>
/// The domain-driven normalisation pass: rules that hold only on the declared domains (or only where
/// both sides are defined) and so cannot live in the always-true constructors. Each rule is a rewrite
/// that preserves the value at every point of the domains where the input is defined:
/// <list type="bullet">
/// <item>log(a·b) = log a + log b when a is positive; log(b^r) = r·log b for positive b;
///       log(b^(2k)) = 2k·log|b|; log of a positive rational splits into primes;</item>
/// <item>exp(r·log x + …) = x^r·exp(…) for positive x, exp(a)^r = exp(r·a), exp(a)·exp(b) = exp(a + b);</item>
/// <item>|x| = x for x ≥ 0 and −x for x ≤ 0, sign x = ±1 when the sign is known;</item>
/// <item>(b^k)^r = b^(k·r) for b ≥ 0, (b^(2k))^r = |b|^(2k·r), (c·x·y)^r = c^r·x^r·y^r when every factor is ≥ 0;</item>
/// <item>sigmoid(logit p) = p and softplus(logit p) = −log(1 − p) for p in (0, 1).</item>
/// </list>
/// </summary>
public sealed class Normalizer
{
    private readonly Bounds bounds;
    private readonly Dictionary<Expr, Expr> cache = new();

    /// <summary>A normaliser for <paramref name="assumptions"/>.</summary>
    public Normalizer(DomainAssumptions assumptions) => bounds = new Bounds(assumptions);

    /// <summary>Normalises <paramref name="e"/> under <paramref name="assumptions"/>.</summary>
    public static Expr Normalize(Expr e, DomainAssumptions? assumptions = null) =>
        new Normalizer(assumptions ?? DomainAssumptions.None).Apply(e);

    /// <summary>The normal form of <paramref name="e"/>.</summary>
    public Expr Apply(Expr e)
    {
        if (e is Number or Constant or Symbol) return e;
        if (cache.TryGetValue(e, out var known)) return known;
        var result = e switch
        {
            // Rebuilding a node whose children did not change would give it back: at MNIST size most do not.
            Sum s => Unchanged(s.Children, out var terms) ? s : Sum.Of(terms),
            Product p => Unchanged(p.Children, out var factors) && p.Factors.Count(IsExponential) < 2 ? p : NormalizeProduct(factors),
            Power p => NormalizePower(Apply(p.Base), Apply(p.Exponent)),
            FunctionCall f => NormalizeFunction(f.Function, [.. f.Arguments.Select(Apply)]),
            OpaqueCall o => o.With(o.Indices.Select(Apply), o.Arguments.Select(Apply)),
            MatrixFunction m => m.With(m.Entries.Select(Apply)),
            IndexedSum s => IndexedSum.Of(s.Index, Apply(s.Upper), Apply(s.Body), s.DisplayName),
            KroneckerDelta => e,
            _ => throw new InvalidOperationException("unknown expression node " + e.GetType().Name),
        };
        cache[e] = result;
        return result;
    }

    private bool Unchanged(IReadOnlyList<Expr> children, out List<Expr> normalized)
    {
        normalized = new List<Expr>(children.Count);
        var same = true;
        foreach (var c in children)
        {
            var n = Apply(c);
            same &= ReferenceEquals(n, c);
            normalized.Add(n);
        }
        return same;
    }

    private static bool IsExponential(Expr f) => f is FunctionCall { Function: FunctionKind.Exp } or Power { Base: FunctionCall { Function: FunctionKind.Exp } };

    /// <summary>
    /// The normal form of log x for an argument that is already normalised (or deliberately in another
    /// basis): only the log rules are applied, x itself is not rewritten.
    /// </summary>
    public Expr LogOf(Expr x) => NormalizeLog(x);

    private Expr NormalizeProduct(List<Expr> factors)
    {
        var product = Product.Of(factors);
        if (product is not Product p) return product;
        // exp(a)·exp(b)^r = exp(a + r·b): gather every exponential into one.
        var exponents = new List<Expr>();
        var others = new List<Expr> { Number.Of(p.Coefficient) };
        foreach (var f in p.Factors)
        {
            if (f is FunctionCall { Function: FunctionKind.Exp } ex) exponents.Add(ex.Argument);
            else if (f is Power { Base: FunctionCall { Function: FunctionKind.Exp } eb } pw) exponents.Add(Product.Of(pw.Exponent, eb.Argument));
            else others.Add(f);
        }
        if (exponents.Count < 2) return product;
        others.Add(NormalizeFunction(FunctionKind.Exp, [Sum.Of(exponents)]));
        return Product.Of(others);
    }

    private Expr NormalizePower(Expr b, Expr e)
    {
        if (b is FunctionCall { Function: FunctionKind.Exp } ex)
            return NormalizeFunction(FunctionKind.Exp, [Product.Of(e, ex.Argument)]);
        if (e is Number { Value: var r } && !r.IsInteger)
        {
            switch (b)
            {
                case Power inner when bounds.IsNonNegative(inner.Base):
                    return NormalizePower(inner.Base, Product.Of(inner.Exponent, e));
                case Power { Exponent: Number { Value: { IsInteger: true } k } } inner when k.Numerator.IsEven:
                    return NormalizePower(NormalizeFunction(FunctionKind.Abs, [inner.Base]), Product.Of(inner.Exponent, e));
                case Product p when p.Coefficient.Sign > 0 && p.Factors.All(bounds.IsNonNegative):
                    return Product.Of([Power.Of(Number.Of(p.Coefficient), e), .. p.Factors.Select(f => NormalizePower(f, e))]);
            }
        }
        return Power.Of(b, e);
    }

    private Expr NormalizeFunction(FunctionKind kind, Expr[] args)
    {
        var x = args[^1];
        switch (kind)
        {
            case FunctionKind.Log: return NormalizeLog(x);
            case FunctionKind.Exp: return NormalizeExp(x);
            case FunctionKind.Abs when bounds.IsNonNegative(x): return x;
            case FunctionKind.Abs when bounds.Of(x) is { High: <= 0 }: return -x;
            case FunctionKind.Abs when x is Power { Exponent: Number { Value: { IsInteger: true } k } } p && k.Numerator.IsEven:
                return x;
            case FunctionKind.Sign when bounds.IsPositive(x): return Number.One;
            case FunctionKind.Sign when bounds.IsNegative(x): return Number.MinusOne;
            case FunctionKind.Sigmoid when x is FunctionCall { Function: FunctionKind.Logit } logit && IsInUnitInterval(logit.Argument):
                return logit.Argument;
            // softplus(logit p) = log(1 + p/(1 − p)) = −log(1 − p): the Bernoulli log-partition at its natural parameter.
            case FunctionKind.Softplus when x is FunctionCall { Function: FunctionKind.Logit } logit && IsInUnitInterval(logit.Argument):
                return -NormalizeLog(Number.One - logit.Argument);
        }
        return FunctionCall.Of(kind, args);
    }

    private bool IsInUnitInterval(Expr p)
    {
        var i = bounds.Of(p);
        return i.IsPositive && (i.High < 1 || (i.High == 1 && i.HighOpen));
    }

    private Expr NormalizeExp(Expr x)
    {
        // exp(r·log b + rest) = b^r · exp(rest) for positive b (where log b is defined, b > 0 anyway,
        // but the rule is applied only when the domains show it).
        var terms = x is Sum s ? s.Children.ToList() : [x];
        var pulled = new List<Expr>();
        var rest = new List<Expr>();
        foreach (var t in terms)
        {
            var (core, c) = Product.SplitCoefficient(t);
            if (core is FunctionCall { Function: FunctionKind.Log } log && bounds.IsPositive(log.Argument))
                pulled.Add(NormalizePower(log.Argument, Number.Of(c)));
            else rest.Add(t);
        }
        if (pulled.Count == 0) return FunctionCall.Exp(x);
        pulled.Add(FunctionCall.Exp(Sum.Of(rest)));
        return Product.Of(pulled);
    }

    private Expr NormalizeLog(Expr x)
    {
        switch (x)
        {
            case Number { Value: { Sign: > 0 } r }:
            {
                var num = PrimeFactors.Of(r.Numerator);
                var den = PrimeFactors.Of(r.Denominator);
                if (num is null || den is null) return FunctionCall.Log(x);
                var parts = num.Select(f => Product.Of(Number.Of(f.Multiplicity), FunctionCall.Log(Number.Of(f.Prime))))
                    .Concat(den.Select(f => Product.Of(Number.Of(-f.Multiplicity), FunctionCall.Log(Number.Of(f.Prime)))));
                return Sum.Of(parts);
            }
            case Product p:
            {
                // Split off every factor known positive (or an even power, positive where log is defined);
                // the remaining factors together are then positive wherever log x is defined.
                var parts = new List<Expr>();
                var remaining = new List<Expr>();
                if (p.Coefficient.Sign > 0) parts.Add(NormalizeLog(Number.Of(p.Coefficient)));
                else remaining.Add(Number.Of(p.Coefficient));
                foreach (var f in p.Factors)
                {
                    if (bounds.IsPositive(f) || IsEvenPower(f)) parts.Add(NormalizeLog(f));
                    else remaining.Add(f);
                }
                if (parts.Count == 0) return FunctionCall.Log(x);
                if (remaining.Count > 0) parts.Add(FunctionCall.Log(Product.Of(remaining)));
                return Sum.Of(parts);
            }
            case Power pw when bounds.IsPositive(pw.Base):
                return Product.Of(pw.Exponent, NormalizeLog(pw.Base));
            case Power pw when IsEvenPower(pw):
                return Product.Of(pw.Exponent, NormalizeLog(NormalizeFunction(FunctionKind.Abs, [pw.Base])));
            default:
                return FunctionCall.Log(x);
        }
    }

    private static bool IsEvenPower(Expr f) =>
        f is Power { Exponent: Number { Value: { IsInteger: true } k } } && k.Numerator.IsEven;
}
