using CriterionCheck.Criterion;
using CriterionCheck.Symbolics.Calculus;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;
using CriterionCheck.Symbolics.ZeroTesting;
using CsCheck;

namespace CriterionCheck.Tests.Templates;

/// <summary>
/// Properties of sums over a symbolic range, on random summands drawn with CsCheck from fixed seeds:
/// canonical up to renaming of the bound index, linear, capture-free under substitution, the Kronecker
/// delta's collapse, Σ_h 1 = H, and the template Jacobian's ∂W[d,h]/∂W[d',h'] = δ(d,d')·δ(h,h'). Every
/// symbolic claim is also checked after expanding at concrete sizes, where sums become ordinary ones.
/// </summary>
public class IndexedSumPropertyTests
{
    private const int Cases = 300;

    private static readonly Symbol H = Symbol.Of("H"), D = Symbol.Of("D"), HIndex = Symbol.Of("h"), K = Symbol.Of("k"), J = Symbol.Of("j"),
        DIndex = Symbol.Of("d"), A = Symbol.Of("a"), B = Symbol.Of("b");

    // Summands in h: parameters and latents indexed by h and by a free plate index d, free scalars a and b,
    // the index's own value, and sums over another range nested inside (whose bound index must never clash).
    private static readonly Gen<Expr> Leaves = Gen.OneOf<Expr>(
        Symbol.Of("W", DIndex, HIndex), Symbol.Of("z", HIndex), Symbol.Of("p", HIndex), A, B, HIndex, Number.Of(2), Number.Of(new Rational(-1, 3)));

    private static readonly Gen<Expr> Body = Build(3);

    private static Gen<Expr> Build(int depth)
    {
        if (depth == 0) return Leaves;
        var sub = Build(depth - 1);
        return Gen.Frequency(
            (4, Leaves),
            (3, Gen.Select(sub, sub, (x, y) => x + y)),
            (3, Gen.Select(sub, sub, (x, y) => x * y)),
            (1, sub.Select(x => Power.Of(x, 2))),
            (1, sub.Select(x => FunctionCall.Log(1 + Power.Of(x, 2)))),
            (1, sub.Select(FunctionCall.Tanh)),
            (2, sub.Select(x => IndexedSum.Of(J, D, Symbol.Of("V", J, HIndex) * x))));
    }

    // Free of h: the factor that linearity may move out.
    private static readonly Gen<Expr> Free = Gen.OneOf<Expr>(A, B, A * B, Number.Of(3), FunctionCall.Log(1 + Power.Of(A, 2)), A + Number.Of(1));

    private static void ForAll<T>(Gen<T> gen, ulong seed, Action<T> assert)
    {
        var pcg = new PCG(1, seed);
        for (var i = 0; i < Cases; i++)
        {
            var value = gen.Generate(pcg, null!, out _);
            try { assert(value); }
            catch (Exception e) { throw new Xunit.Sdk.XunitException($"case {i} (seed {seed}) failed for {value}: {e.Message}"); }
        }
    }

    // H = 3, D = 2, d = 1: every sum expands; the remaining symbols get fixed pseudo-random values.
    private static Expr Concrete(Expr e) => Substitution.Substitute(e, new Dictionary<Expr, Expr> { [H] = Number.Of(3), [D] = Number.Of(2), [DIndex] = Number.Of(1) });

    private static double Value(Expr e) => Evaluator.Evaluate(Concrete(e), (Symbol s, out double v) =>
    {
        var hash = s.ToString().Aggregate(17, (acc, ch) => acc * 31 + ch);
        v = 0.2 + (hash & 0xFFFF) / 65536.0 * 0.6; // in (0.2, 0.8): p stays a probability, logs stay defined
        return true;
    });

    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * (1 + Math.Abs(expected)), $"{what}: {expected} vs {actual}");

    private static Expr Sum(Symbol index, Expr upper, Expr body) => IndexedSum.Of(index, upper, body);

    // Equal as functions: the same node, or a difference the zero test proves 0 (a canonical form may keep
    // a(x + y) where another has ax + ay). Sums are atoms there, so a captured index would not be proved.
    private static void Same(Expr expected, Expr actual, string what = "")
    {
        if (expected.Equals(actual)) return;
        Assert.True(new ZeroTest().Prove(expected - actual), $"{what} {expected} and {actual} are not proved equal");
    }

    private static Expr Rename(Expr body, Symbol to) => Substitution.Substitute(body, HIndex, to);

    [Fact]
    public void Sums_equal_up_to_renaming_of_the_bound_index_are_the_same_node_with_the_same_hash()
    {
        ForAll(Body, 4001, f =>
        {
            var byH = Sum(HIndex, H, f);
            var byK = Sum(K, H, Rename(f, K));
            var temporary = IndexedSum.Temporary();
            var byTemporary = Sum(temporary, H, Rename(f, temporary));
            Assert.Equal(byH, byK);
            Assert.Equal(byH.GetHashCode(), byK.GetHashCode());
            Assert.Equal(byH, byTemporary);
            Assert.Equal(0, ExprOrder.Instance.Compare(byH, byK));
            // The display name is for printing only.
            Assert.Equal(byH, IndexedSum.Of(HIndex, H, f, "anything"));
            // A sum over a different range is a different node.
            if (!f.IsZero) Assert.NotEqual(byH, Sum(HIndex, D, f));
            Close(Value(byH), Value(byK), "renamed");
        });
    }

    [Fact]
    public void Canonical_bound_names_are_reserved_and_every_written_name_is_replaced()
    {
        ForAll(Body, 4002, f =>
        {
            var sum = Sum(HIndex, H, f);
            // The written name h is gone; only #k names are bound.
            Assert.DoesNotContain(sum.Symbols(), s => s.Equals(HIndex) || s.Equals(J));
            if (sum is IndexedSum s)
            {
                Assert.True(IndexedSum.IsBound(s.Index));
                Assert.Equal(Symbol.Of(IndexedSum.BoundPrefix + s.Level), s.Index);
                Assert.Equal("h", s.DisplayName);
            }
        });
    }

    [Fact]
    public void Sums_are_linear_and_factors_free_of_the_index_move_out()
    {
        ForAll(Gen.Select(Free, Body, Body), 4003, t =>
        {
            var (a, f, g) = t;
            var left = Sum(HIndex, H, a * f + g);
            var right = a * Sum(HIndex, H, f) + Sum(HIndex, H, g);
            Same(right, left, "Σ(a f + g) and a Σf + Σg:");
            Close(Value(right), Value(left), "linearity");
            // A lone factor free of the index comes out.
            Same(a * Sum(HIndex, H, Symbol.Of("z", HIndex)), Sum(HIndex, H, Symbol.Of("z", HIndex) * a));
            if (a is not Symbolics.Core.Sum) Assert.Equal(a * Sum(HIndex, H, Symbol.Of("z", HIndex)), Sum(HIndex, H, Symbol.Of("z", HIndex) * a));
        });
    }

    [Fact]
    public void A_summand_free_of_the_index_gives_the_range_times_the_summand()
    {
        Assert.Equal(H, Sum(HIndex, H, Number.One));
        Assert.Equal(H - Number.One, Sum(HIndex, H - Number.One, Number.One));
        ForAll(Free, 4004, a =>
        {
            Assert.Equal(H * a, Sum(HIndex, H, a));
            Same(H * a + Sum(HIndex, H, Symbol.Of("z", HIndex)), Sum(HIndex, H, a + Symbol.Of("z", HIndex)));
            Close(3 * Value(a), Value(Sum(HIndex, H, a)), "Σ_h a");
        });
        // A numeric range expands into an ordinary sum; an empty one is 0.
        Assert.Equal(Symbol.Of("z", 1) + Symbol.Of("z", 2), Sum(HIndex, Number.Of(2), Symbol.Of("z", HIndex)));
        Assert.Equal(Number.Zero, Sum(HIndex, Number.Zero, Symbol.Of("z", HIndex)));
    }

    [Fact]
    public void Substitution_into_a_sum_does_not_capture_its_bound_index()
    {
        // Replacements that mention a bound name (#1, #2: what a sum nested one level up binds) or the
        // sum's written name h: none may be captured by the sum's own index.
        var replacements = Gen.OneOf<Expr>(Symbol.Of("#1"), Symbol.Of("#2"), HIndex, Symbol.Of("#1") + Symbol.Of("#2"), HIndex * A, Symbol.Of("z", Symbol.Of("#1")));
        ForAll(Gen.Select(Body, replacements), 4005, t =>
        {
            var (f, r) = t;
            var sum = Sum(HIndex, H, f);
            var substituted = Substitution.Substitute(sum, A, r);
            // Built directly with the replacement in place, under a fresh index: the same function.
            var fresh = IndexedSum.Temporary();
            var direct = Sum(fresh, H, Substitution.Substitute(f, new Dictionary<Expr, Expr> { [HIndex] = fresh, [A] = r }));
            Same(direct, substituted, "substituted and built directly:");
            // Expanded at H = 3: Σ_{h=1}^{3} f(h) with a := r, term by term.
            var expanded = Concrete(substituted);
            var byTerms = Concrete(Symbolics.Core.Sum.Of(Enumerable.Range(1, 3).Select(v =>
                Substitution.Substitute(f, new Dictionary<Expr, Expr> { [HIndex] = Number.Of(v), [A] = r }))));
            Same(byTerms, expanded, "expanded:");
            Close(Value(byTerms), Value(expanded), "expanded");
        });
    }

    [Fact]
    public void Substituting_a_free_bound_name_renames_the_binder()
    {
        var one = Symbol.Of("#1");
        var sum = Sum(HIndex, H, Symbol.Of("W", DIndex, HIndex) * Symbol.Of("z", HIndex));
        var substituted = Substitution.Substitute(sum, DIndex, one);
        var captured = Sum(HIndex, H, Symbol.Of("W", HIndex, HIndex) * Symbol.Of("z", HIndex));
        Assert.NotEqual(captured, substituted);
        Assert.Equal(Sum(K, H, Symbol.Of("W", one, K) * Symbol.Of("z", K)), substituted);
        var s = Assert.IsType<IndexedSum>(substituted);
        Assert.NotEqual(one, s.Index);
        Assert.Equal(Symbol.Of("W", one, Number.Of(2)) * Symbol.Of("z", 2), s.At(Number.Of(2)));
    }

    [Fact]
    public void A_sum_weighted_by_a_delta_collapses_to_the_summand_at_the_deltas_other_index()
    {
        ForAll(Gen.Select(Body, Gen.Int[1, 3]), 4006, t =>
        {
            var (f, m) = t;
            var sum = Sum(HIndex, H, KroneckerDelta.Of(HIndex, K) * f);
            var at = Substitution.Substitute(sum, new Dictionary<Expr, Expr> { [H] = Number.Of(3), [K] = Number.Of(m) });
            Same(Substitution.Substitute(f, HIndex, Number.Of(m)), at);
            Assert.DoesNotContain(at.Symbols(), s => s.Equals(HIndex) || s.Equals(K));
        });
        Assert.Equal(Number.One, KroneckerDelta.Of(K, K));
        Assert.Equal(Number.Zero, KroneckerDelta.Of(Number.Of(1), Number.Of(2)));
        Assert.Equal(KroneckerDelta.Of(HIndex, K), KroneckerDelta.Of(K, HIndex));
    }

    // The SBN's W[D, H]: the block the template Jacobian differentiates by.
    private static CriterionCheck.Models.ParameterBlock W => TemplateCatalog.Model("sigmoid-belief-net.model").Parameter("W");

    [Fact]
    public void The_derivative_of_W_d_h_by_W_d_h_primed_is_a_product_of_deltas()
    {
        var (element, derivative) = TemplateJacobian.Entry(W, Symbol.Of("W", DIndex, HIndex));
        var dPrime = Symbol.Of("d'");
        var hPrime = Symbol.Of("h'");
        Assert.Equal(Symbol.Of("W", dPrime, hPrime), element);
        Assert.Equal(KroneckerDelta.Of(DIndex, dPrime) * KroneckerDelta.Of(HIndex, hPrime), derivative);
        // At concrete indices: 1 on the element itself, 0 elsewhere.
        foreach (var (d1, h1, d2, h2) in new[] { (1, 1, 1, 1), (2, 1, 2, 1), (1, 2, 2, 1), (1, 1, 1, 2) })
        {
            var value = Substitution.Substitute(derivative, new Dictionary<Expr, Expr>
                { [DIndex] = Number.Of(d1), [HIndex] = Number.Of(h1), [dPrime] = Number.Of(d2), [hPrime] = Number.Of(h2) });
            Assert.Equal(Number.Of(d1 == d2 && h1 == h2 ? 1 : 0), value);
        }
    }

    [Fact]
    public void The_template_jacobian_collapses_the_sum_over_the_primed_axis()
    {
        // η_d = Σ_h W[d,h]·g(h) + b with g free of W: ∂η_d/∂W[d',h'] = δ(d,d')·g(h').
        var summands = Gen.OneOf<Expr>(Symbol.Of("z", HIndex), Symbol.Of("z", HIndex) * Symbol.Of("p", HIndex), FunctionCall.Tanh(Symbol.Of("z", HIndex)),
            A * Symbol.Of("z", HIndex) + HIndex, IndexedSum.Of(J, D, Symbol.Of("V", J, HIndex)));
        ForAll(summands, 4007, g =>
        {
            var eta = Sum(HIndex, H, Symbol.Of("W", DIndex, HIndex) * g) + B;
            var (_, derivative) = TemplateJacobian.Entry(W, eta);
            var expected = KroneckerDelta.Of(DIndex, Symbol.Of("d'")) * Substitution.Substitute(g, HIndex, Symbol.Of("h'"));
            Assert.True(expected.Equals(derivative) || new ZeroTest().Prove(expected - derivative), $"∂η/∂W[d',h'] = {derivative}, expected {expected}");
            Assert.DoesNotContain(derivative.Symbols(), s => s.Name == "W");
            // Against differentiating the expansion at H = 3 by W[1,2].
            var expanded = Concrete(eta);
            var byElement = Differentiator.Differentiate(expanded, Symbol.Of("W", 1, 2));
            var atElement = Concrete(Substitution.Substitute(derivative, new Dictionary<Expr, Expr> { [Symbol.Of("d'")] = Number.Of(1), [Symbol.Of("h'")] = Number.Of(2) }));
            Assert.True(byElement.Equals(atElement) || new ZeroTest().Prove(byElement - atElement), $"{byElement} vs {atElement}");
        });
    }

    [Fact]
    public void Differentiating_a_sum_and_expanding_it_commute()
    {
        // By the free scalars only: an element the sum ranges over (z[3], W[1,2]) is TemplateKernelRegressionTests' case.
        ForAll(Gen.Select(Body, Gen.OneOf(A, B)), 4008, t =>
        {
            var (f, x) = t;
            var sum = Sum(HIndex, H, f);
            var symbolic = Concrete(Differentiator.Differentiate(sum, x));
            var concrete = Differentiator.Differentiate(Concrete(sum), x);
            Same(concrete, symbolic, $"d/d{x}:");
        });
    }
}
