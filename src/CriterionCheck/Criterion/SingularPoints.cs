using CriterionCheck.Families;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;
using CriterionCheck.Symbolics.Normalization;
using CriterionCheck.Symbolics.Polynomials;

namespace CriterionCheck.Criterion;

/// <summary>
/// Where a proposal breaks down: coefficients such as β_w = w/2 + 1/(2w) solve η = Jβ wherever they are
/// defined, but not at w = 0, where the Jacobian loses rank. Such a point may carry a witness that the
/// criterion fails (β must be a function on the whole domain). This finds rational points inside the
/// domains where a denominator of the coefficients vanishes: each denominator factor, with all
/// parameters but one fixed at the base point, is solved exactly when it is linear or quadratic.
/// </summary>
public static class SingularPoints
{
    /// <summary>The most points returned per proposal.</summary>
    public const int Max = 6;

    /// <summary>Rational parameter points (the base point with one element moved) where a coefficient has a pole.</summary>
    public static List<Dictionary<Expr, Rational>> Of(Model model, IReadOnlyDictionary<Expr, Expr> coefficients, IReadOnlyDictionary<Expr, Rational> basePoint)
    {
        var normalizer = new Normalizer(model.Assumptions);
        var domainOf = model.Parameters.SelectMany(b => b.FreeElements.Select(e => ((Expr)e, b.Domain))).ToDictionary(p => p.Item1, p => p.Domain);
        var constrainedOf = model.Parameters.Where(b => b.Domain is ParameterDomain.Simplex or ParameterDomain.PositiveDefinite)
            .SelectMany(b => b.FreeElements.Select(e => ((Expr)e, b))).ToDictionary(p => p.Item1, p => p.b);
        var points = new List<Dictionary<Expr, Rational>>();
        foreach (var coefficient in coefficients.Values)
        {
            RationalForm form;
            try { form = RationalForm.From(normalizer.Apply(coefficient)); }
            catch (ExpansionLimitException) { continue; }
            catch (SymbolicException) { continue; }
            // Poles: atoms with negative exponents in the numerator (1/w), and the denominator's factors.
            var factors = form.Numerator.Terms.Keys.SelectMany(m => m.Powers).Where(p => p.Exponent.Sign < 0 && domainOf.ContainsKey(p.Atom))
                .Select(p => Polynomial.Term(Rational.One, Monomial.Of(p.Atom, Rational.One))).Concat(form.Denominator.Select(d => d.Factor));
            foreach (var factor in factors.SelectMany(f => WithoutLogarithms(f, normalizer)))
                foreach (var (symbol, root) in Roots(factor, domainOf, basePoint, constrainedOf))
                {
                    if (points.Count >= Max) return points;
                    if (points.Any(p => p[symbol] == root)) continue;
                    points.Add(new Dictionary<Expr, Rational>(basePoint) { [symbol] = root });
                }
        }
        return points;
    }

    /// <summary>
    /// The base point with one parameter block, and then every block, moved to its centre: a simplex to the
    /// uniform weights, (0, 1) entries to ½, positive ones to 1, real ones to 0, a covariance to the identity. Symmetric functions of a
    /// block (an entropy Σ w log w, a product z(1 − z)) have their critical points there, where a whole
    /// Jacobian block can vanish at once although no single coefficient's pole shows it.
    /// </summary>
    public static List<Dictionary<Expr, Rational>> Centres(Model model, IEnumerable<string> blocks, IReadOnlyDictionary<Expr, Rational> basePoint)
    {
        var chosen = model.Parameters.Where(b => blocks.Contains(b.Name)).ToList();
        Dictionary<Expr, Rational> Moved(IEnumerable<ParameterBlock> moved)
        {
            var point = new Dictionary<Expr, Rational>(basePoint);
            foreach (var block in moved)
            {
                var centre = block.Domain switch
                {
                    ParameterDomain.Simplex => new Rational(1, block.Shape[^1].Size),
                    ParameterDomain.UnitInterval => new Rational(1, 2),
                    ParameterDomain.Positive => Rational.One,
                    _ => Rational.Zero,
                };
                foreach (var element in block.FreeElements)
                    // A covariance's centre is the identity: 1 on the diagonal of each matrix, 0 off it.
                    point[element] = block.Domain != ParameterDomain.PositiveDefinite ? centre
                        : element.Indices[^1].Equals(element.Indices[^2]) ? Rational.One : Rational.Zero;
            }
            return point;
        }
        var points = chosen.Select(b => Moved([b])).ToList();
        if (chosen.Count > 1) points.Add(Moved(chosen));
        return points;
    }

    // A covariance entry moved to r keeps every matrix of its block positive definite: every pivot of an
    // exact (rational) Gaussian elimination, which are the ratios of leading principal minors, is positive.
    private static bool InsidePositiveDefinite(ParameterBlock block, Expr symbol, Rational r, IReadOnlyDictionary<Expr, Rational> basePoint)
    {
        var values = new Dictionary<Expr, Rational>(basePoint) { [symbol] = r };
        var side = block.Shape[^1].Size;
        foreach (var leading in block.Indices.Select(i => i.Take(i.Length - 2).ToArray()).DistinctBy(i => string.Join(",", i)))
        {
            var m = new Rational[side, side];
            for (var i = 0; i < side; i++)
                for (var j = 0; j < side; j++)
                {
                    if (ExactEvaluator.TryEvaluate(block.Element([.. leading.Select(x => (Expr)Number.Of(x)), Number.Of(i + 1), Number.Of(j + 1)]), values) is not { } v) return false;
                    m[i, j] = v;
                }
            for (var k = 0; k < side; k++)
            {
                if (m[k, k].Sign <= 0) return false;
                for (var i = k + 1; i < side; i++)
                {
                    var f = m[i, k] / m[k, k];
                    for (var j = k; j < side; j++) m[i, j] -= f * m[k, j];
                }
            }
        }
        return true;
    }

    // A factor c·log A − c·log B vanishes where A = B, and c·log A where A = 1: a coefficient that divides by a
    // difference of logarithms (log w₁ − log w_K for simplex weights) has its poles where the arguments meet.
    private static IEnumerable<Polynomial> WithoutLogarithms(Polynomial factor, Normalizer normalizer)
    {
        yield return factor;
        static Expr? Argument(Monomial m) =>
            m.Powers is [var (atom, exponent)] && exponent == Rational.One && atom is FunctionCall { Function: FunctionKind.Log } log ? log.Argument : null;
        var terms = factor.Terms.ToList();
        Expr? equation = null;
        if (terms.Count == 2 && Argument(terms[0].Key) is { } a && Argument(terms[1].Key) is { } b && terms[0].Value == -terms[1].Value) equation = a - b;
        else if (terms.Count == 1 && Argument(terms[0].Key) is { } c) equation = c - Number.One;
        if (equation is null) yield break;
        RationalForm form;
        try { form = RationalForm.From(normalizer.Apply(equation)); }
        catch (ExpansionLimitException) { yield break; }
        catch (SymbolicException) { yield break; }
        yield return form.Numerator;
    }

    // A simplex weight moved to r keeps every weight of its block, the dependent last ones included, positive.
    private static bool InsideSimplex(ParameterBlock block, Expr symbol, Rational r, IReadOnlyDictionary<Expr, Rational> basePoint)
    {
        if (r.Sign <= 0) return false;
        var values = new Dictionary<Expr, Rational>(basePoint) { [symbol] = r };
        return block.Indices.All(index =>
            ExactEvaluator.TryEvaluate(block.Element([.. index.Select(i => (Expr)Number.Of(i))]), values) is { Sign: > 0 });
    }

    // Rational roots, inside the symbol's domain, of the factor as a polynomial in one parameter element.
    private static IEnumerable<(Expr Symbol, Rational Root)> Roots(Polynomial factor, Dictionary<Expr, ParameterDomain> domainOf, IReadOnlyDictionary<Expr, Rational> basePoint,
        Dictionary<Expr, ParameterBlock> constrainedOf)
    {
        var atoms = factor.Terms.Keys.SelectMany(m => m.Powers.Select(p => p.Atom)).Distinct().ToList();
        if (atoms.Count == 0 || atoms.Any(a => !domainOf.ContainsKey(a) || !basePoint.ContainsKey(a))) yield break;
        foreach (var symbol in atoms)
        {
            // Coefficients by degree in `symbol`, the other parameters at the base point.
            var byDegree = new Rational[3];
            var usable = true;
            foreach (var (monomial, c) in factor.Terms)
            {
                var value = c;
                var degree = 0;
                foreach (var (atom, e) in monomial.Powers)
                {
                    if (!e.IsInteger || e.Sign < 0) { usable = false; break; }
                    if (atom.Equals(symbol)) degree = (int)e.Numerator;
                    else value *= basePoint[atom].Pow((int)e.Numerator);
                }
                if (!usable || degree > 2) { usable = false; break; }
                byDegree[degree] += value;
            }
            if (!usable) continue;
            var (a0, a1, a2) = (byDegree[0], byDegree[1], byDegree[2]);
            var roots = new List<Rational>();
            if (a2.IsZero) { if (!a1.IsZero) roots.Add(-a0 / a1); }
            else
            {
                var discriminant = a1 * a1 - 4 * a2 * a0;
                if (discriminant.Sign >= 0 && discriminant.ExactRoot(2) is { } root)
                {
                    roots.Add((-a1 + root) / (2 * a2));
                    roots.Add((-a1 - root) / (2 * a2));
                }
            }
            foreach (var r in roots.Distinct())
                if (domainOf[symbol] switch
                {
                    ParameterDomain.Real => true,
                    ParameterDomain.Positive => r.Sign > 0,
                    ParameterDomain.UnitInterval => r.Sign > 0 && r < Rational.One,
                    ParameterDomain.Simplex => InsideSimplex(constrainedOf[symbol], symbol, r, basePoint),
                    ParameterDomain.PositiveDefinite => InsidePositiveDefinite(constrainedOf[symbol], symbol, r, basePoint),
                    _ => false,
                })
                    yield return (symbol, r);
        }
    }
}
