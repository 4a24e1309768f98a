using CriterionCheck.Criterion;

namespace CriterionCheck.Tests.Corpus;

/// <summary>
/// The generator's outcome table. L is a linear predictor Σ_j W[i, j] F(parent[j]) with a fresh weight
/// block, F the parent's feature (z; log z for positive, logit z for unit supports), so F takes the
/// values 0 and 1 (and generic values) on every support; F1 is the first feature; P an unweighted
/// product of features that is 0 and 1 on the support. Every parameter named here is fresh per layer.
/// </summary>
public static class BuildingBlocks
{
    private const Verdict S = Verdict.Satisfied;
    private const Verdict V = Verdict.Violated;

    /// <summary>Priors (condition A).</summary>
    public static IReadOnlyList<BuildingBlock> Priors { get; } =
    [
        new("Bernoulli(p)", ParentKind.None, GeneratedSupport.Binary, S, "zeta = logit p, alpha = p(1-p) logit p",
            c => $"Bernoulli({c.PerElement("p", "in (0, 1)")})"),
        new("Bernoulli(sigmoid(r))", ParentKind.None, GeneratedSupport.Binary, S, "zeta = r, alpha = r",
            c => $"Bernoulli(sigmoid({c.PerElement("r", "real")}))"),
        new("Bernoulli(1/2)", ParentKind.None, GeneratedSupport.Binary, S, "zeta = logit(1/2) = 0 identically: trivially fine",
            _ => "Bernoulli(1/2)"),
        new("Bernoulli(3/10)", ParentKind.None, GeneratedSupport.Binary, V, "zeta = log(3/7) != 0 with no parameter",
            _ => "Bernoulli(3/10)"),
        new("Normal(0, s)", ParentKind.None, GeneratedSupport.Real, S, "degree -1 in s: alpha = -s (tieable)",
            c => $"Normal(0, {c.Variance("s")})") { Tieable = true },
        new("Normal(m, lambda)", ParentKind.None, GeneratedSupport.Real, S, "Jacobian in (m, lambda) invertible: alpha = (0, -lambda)",
            c => $"Normal({c.PerElement("m", "real")}, {c.PerElement("lam", "positive")})"),
        new("Normal(1, lambda)", ParentKind.None, GeneratedSupport.Real, S, "zeta = (1/lambda, -1/(2 lambda)), degree -1: alpha = -lambda",
            c => $"Normal(1, {c.PerElement("lam", "positive")})"),
        new("Normal(0, 1)", ParentKind.None, GeneratedSupport.Real, V, "zeta_2 = -1/2 with no parameter",
            _ => "Normal(0, 1)"),
        new("Normal(m, 1)", ParentKind.None, GeneratedSupport.Real, V, "zeta_2 = -1/2 with a zero Jacobian row",
            c => $"Normal({c.PerElement("m", "real")}, 1)"),
        new("Normal(a, a)", ParentKind.None, GeneratedSupport.Real, V, "zeta_1 = a/a = 1 with a zero Jacobian row",
            c => { var a = c.PerElement("a", "positive"); return $"Normal({a}, {a})"; }),
        new("Laplace(b)", ParentKind.None, GeneratedSupport.Real, S, "zeta = -1/b, degree -1: alpha = -b (tieable)",
            c => $"Laplace({c.Variance("sc")})") { Tieable = true },
        new("Laplace(1)", ParentKind.None, GeneratedSupport.Real, V, "zeta = -1 with no parameter",
            _ => "Laplace(1)"),
        new("Gamma(a, b)", ParentKind.None, GeneratedSupport.Positive, S, "alpha = (a - 1, b)",
            c => $"Gamma({c.PerElement("sh", "positive")}, {c.PerElement("rt", "positive")})"),
        new("Gamma(1, b)", ParentKind.None, GeneratedSupport.Positive, S, "zeta = (0, -b): alpha = b",
            c => $"Gamma(1, {c.PerElement("rt", "positive")})"),
        new("Gamma(2, b)", ParentKind.None, GeneratedSupport.Positive, V, "zeta_1 = 1 with a zero Jacobian row",
            c => $"Gamma(2, {c.PerElement("rt", "positive")})"),
        new("Gamma(a, a)", ParentKind.None, GeneratedSupport.Positive, V, "zeta = (a - 1, -a), J = (1, -1): y = (1, 1) gives -1",
            c => { var a = c.PerElement("sh", "positive"); return $"Gamma({a}, {a})"; }),
        new("Exponential(r)", ParentKind.None, GeneratedSupport.Positive, S, "zeta = -r: alpha = r",
            c => $"Exponential({c.PerElement("rt", "positive")})"),
        new("Exponential(2)", ParentKind.None, GeneratedSupport.Positive, V, "zeta = -2 with no parameter",
            _ => "Exponential(2)"),
        new("Poisson(lam)", ParentKind.None, GeneratedSupport.Count, S, "zeta = log lam: alpha = lam log lam",
            c => $"Poisson({c.PerElement("lam", "positive")})"),
        new("Poisson(1)", ParentKind.None, GeneratedSupport.Count, S, "zeta = log 1 = 0 identically",
            _ => "Poisson(1)"),
        new("Poisson(3)", ParentKind.None, GeneratedSupport.Count, V, "zeta = log 3 with no parameter",
            _ => "Poisson(3)"),
        new("Beta(a, b)", ParentKind.None, GeneratedSupport.Unit, S, "alpha = (a - 1, b - 1)",
            c => $"Beta({c.PerElement("sa", "positive")}, {c.PerElement("sb", "positive")})"),
        new("Beta(a, a)", ParentKind.None, GeneratedSupport.Unit, S, "zeta = (a - 1, a - 1), J = (1, 1): alpha = a - 1",
            c => { var a = c.PerElement("sa", "positive"); return $"Beta({a}, {a})"; }),
        new("Beta(1, 1)", ParentKind.None, GeneratedSupport.Unit, S, "zeta = (0, 0) identically",
            _ => "Beta(1, 1)"),
        new("Beta(a, 2)", ParentKind.None, GeneratedSupport.Unit, V, "zeta_2 = 1 with a zero Jacobian row",
            c => $"Beta({c.PerElement("sa", "positive")}, 2)"),
        new("Categorical(pi)", ParentKind.None, GeneratedSupport.Categorical, S, "paper Prop. 4: alpha_i = pi_i (log pi_i + H(pi))",
            c => $"Categorical({Simplex(c)})") { ScalarOnly = true },
    ];

    /// <summary>Factors of a non-categorical parent, used through its features.</summary>
    public static IReadOnlyList<BuildingBlock> FeatureChildren { get; } =
    [
        new("Bernoulli(sigmoid(L + b))", ParentKind.Features, GeneratedSupport.Binary, S, "degree 1 in (W, b): beta = (W, b)",
            c => $"Bernoulli(sigmoid({c.Linear()} + {c.PerElement("b", "real")}))"),
        new("Bernoulli(sigmoid(L))", ParentKind.Features, GeneratedSupport.Binary, S, "degree 1 in W: beta = W",
            c => $"Bernoulli(sigmoid({c.Linear()}))"),
        new("Bernoulli(sigmoid(L + 1))", ParentKind.Features, GeneratedSupport.Binary, V, "where every feature is 0 the row is (0 | 1)",
            c => $"Bernoulli(sigmoid({c.Linear()} + 1))"),
        new("Bernoulli(sigmoid(L[W^2] + b))", ParentKind.Features, GeneratedSupport.Binary, S, "beta_W = W/2, beta_b = b",
            c => $"Bernoulli(sigmoid({c.Linear(squared: true)} + {c.PerElement("b", "real")}))"),
        new("Bernoulli(sigmoid(b + P))", ParentKind.Features, GeneratedSupport.Binary, V, "P = 0 and P = 1 give rows (1 | b), (1 | b + 1)",
            c => $"Bernoulli(sigmoid({c.PerElement("b", "real")} + {c.Product}))"),
        new("Bernoulli(sigmoid(L + b + a P))", ParentKind.Features, GeneratedSupport.Binary, S, "degree 1 in (W, b, a)",
            c => $"Bernoulli(sigmoid({c.Linear()} + {c.PerElement("b", "real")} + {c.PerElement("a", "real")} * {c.Product}))"),
        new("Binomial(3, sigmoid(L + b))", ParentKind.Features, GeneratedSupport.Count, S, "eta = L + b: beta = (W, b) (Theorem 2)",
            c => $"Binomial(3, sigmoid({c.Linear()} + {c.PerElement("b", "real")}))"),
        new("Normal(L + b, s)", ParentKind.Features, GeneratedSupport.Real, S, "degree -1 in s: beta = -s (tieable)",
            c => $"Normal({c.Linear()} + {c.PerElement("b", "real")}, {c.Variance("s")})") { Tieable = true },
        new("Normal(L + b, psi)", ParentKind.Features, GeneratedSupport.Real, S, "degree -1 in psi: beta = -psi",
            c => $"Normal({c.Linear()} + {c.PerElement("b", "real")}, {c.PerElement("psi", "positive")})"),
        new("Normal(L + b, 1)", ParentKind.Features, GeneratedSupport.Real, V, "eta_2 = -1/2 with a zero Jacobian row",
            c => $"Normal({c.Linear()} + {c.PerElement("b", "real")}, 1)"),
        new("Normal(L + b, s exp(F1))", ParentKind.Features, GeneratedSupport.Real, S, "multiplicative: degree -1 in s, beta = -s (tieable)",
            c => $"Normal({c.Linear()} + {c.PerElement("b", "real")}, {c.Variance("s")} * exp({c.FirstFeature}))") { Tieable = true },
        new("Normal(L + b, s + F1^2)", ParentKind.Features, GeneratedSupport.Real, V, "additive: eta_2 rows at F1 = 0, 1 need beta_s = -s and -(s + 1)",
            c => $"Normal({c.Linear()} + {c.PerElement("b", "real")}, {c.Scalar("sv", "positive")} + {c.FirstFeature}^2)"),
        new("Poisson(exp(L + b))", ParentKind.Features, GeneratedSupport.Count, S, "eta = L + b: beta = (W, b) (Theorem 2)",
            c => $"Poisson(exp({c.Linear()} + {c.PerElement("b", "real")}))"),
        new("Poisson(exp(L + 1))", ParentKind.Features, GeneratedSupport.Count, V, "where every feature is 0 the row is (0 | 1)",
            c => $"Poisson(exp({c.Linear()} + 1))"),
        new("Gamma(k, exp(L + o))", ParentKind.Features, GeneratedSupport.Positive, S, "beta_k = k - 1, beta_o = 1, beta_W = 0",
            c => $"Gamma({c.PerElement("sh", "positive")}, exp({c.Linear()} + {c.PerElement("o", "real")}))"),
        new("Gamma(1, exp(L + o))", ParentKind.Features, GeneratedSupport.Positive, S, "eta_1 = 0; beta_o = 1",
            c => $"Gamma(1, exp({c.Linear()} + {c.PerElement("o", "real")}))"),
        new("Gamma(2, exp(L + o))", ParentKind.Features, GeneratedSupport.Positive, V, "eta_1 = 1 with a zero Jacobian row",
            c => $"Gamma(2, exp({c.Linear()} + {c.PerElement("o", "real")}))"),
        new("Exponential(exp(L + o))", ParentKind.Features, GeneratedSupport.Positive, S, "eta = -exp(L + o): beta_o = 1",
            c => $"Exponential(exp({c.Linear()} + {c.PerElement("o", "real")}))"),
        new("Laplace(s exp(L))", ParentKind.Features, GeneratedSupport.Real, S, "eta = -exp(-L)/s, degree -1 in s: beta = -s (tieable)",
            c => $"Laplace({c.Variance("s")} * exp({c.Linear()}))") { Tieable = true },
        new("Laplace(s + F1^2)", ParentKind.Features, GeneratedSupport.Real, V, "additive scale: rows at F1 = 0, 1 need -s and -(s + 1)",
            c => $"Laplace({c.Scalar("sv", "positive")} + {c.FirstFeature}^2)"),
        new("Beta(1 + a exp(L), b)", ParentKind.Features, GeneratedSupport.Unit, S, "eta = (a exp(L), b - 1): beta_a = a, beta_b = b - 1, beta_W = 0",
            c => $"Beta(1 + {c.PerElement("sa", "positive")} * exp({c.Linear()}), {c.PerElement("sb", "positive")})"),
        new("Normal(f(z; w), s)", ParentKind.Features, GeneratedSupport.Real, S, "any f: degree -1 in s, beta = -s (tieable)",
            c => $"Normal({c.OpaqueValue()}, {c.Variance("s")})") { Opaque = true, Tieable = true },
        new("Bernoulli(sigmoid(f(z; w)))", ParentKind.Features, GeneratedSupport.Binary, V, "an f with df/dw = 0, f != 0 at a point: row (0 | f)",
            c => $"Bernoulli(sigmoid({c.OpaqueValue()}))") { Opaque = true },
        new("Bernoulli(sigmoid(sum V g + b))", ParentKind.Features, GeneratedSupport.Binary, S, "any g: degree 1 in (V, b)",
            c => $"Bernoulli(sigmoid({c.OpaqueReadout()} + {c.PerElement("b", "real")}))") { Opaque = true },
        new("Bernoulli(sigmoid(f(z; w) + b))", ParentKind.Features, GeneratedSupport.Binary, V, "an f flat in w with values 0, 1 at two points: rows (1 | b), (1 | b + 1)",
            c => $"Bernoulli(sigmoid({c.OpaqueValue()} + {c.PerElement("b", "real")}))") { Opaque = true },
        new("Poisson(exp(f(z; w)))", ParentKind.Features, GeneratedSupport.Count, V, "an f with df/dw = 0, f != 0 at a point",
            c => $"Poisson(exp({c.OpaqueValue()}))") { Opaque = true },
        new("Poisson(exp(sum V g))", ParentKind.Features, GeneratedSupport.Count, S, "any g: degree 1 in V",
            c => $"Poisson(exp({c.OpaqueReadout()}))") { Opaque = true },
    ];

    /// <summary>Factors of a categorical parent c, whose value indexes the block's parameters (one entry per class).</summary>
    public static IReadOnlyList<BuildingBlock> ClassChildren { get; } =
    [
        new("Normal(m[c], v[c])", ParentKind.Categorical, GeneratedSupport.Real, S, "degree -1 in v: beta_v = -v entrywise",
            c => $"Normal({c.ByClass("m", "real")}, {c.ByClass("v", "positive")})"),
        new("Normal(m[c], s)", ParentKind.Categorical, GeneratedSupport.Real, S, "degree -1 in s: beta = -s (tieable)",
            c => $"Normal({c.ByClass("m", "real")}, {c.Variance("s")})") { Tieable = true },
        new("Normal(m[c], 1)", ParentKind.Categorical, GeneratedSupport.Real, V, "eta_2 = -1/2 with a zero Jacobian row",
            c => $"Normal({c.ByClass("m", "real")}, 1)"),
        new("Bernoulli(q[c])", ParentKind.Categorical, GeneratedSupport.Binary, S, "beta_q = q(1-q) logit q entrywise",
            c => $"Bernoulli({c.ByClass("q", "in (0, 1)")})"),
        new("Bernoulli(sigmoid(m[c] + 1))", ParentKind.Categorical, GeneratedSupport.Binary, S, "the offset is absorbed: beta_m = m + 1 entrywise",
            c => $"Bernoulli(sigmoid({c.ByClass("m", "real")} + 1))"),
        new("Bernoulli(sigmoid(a c + 1))", ParentKind.Categorical, GeneratedSupport.Binary, V, "c = 1, 2: rows (1 | a + 1), (2 | 2a + 1), y = (2, -1) gives 1",
            c => $"Bernoulli(sigmoid({c.PerElement("a", "real")} * {c.Class} + 1))"),
        new("Poisson(lam[c])", ParentKind.Categorical, GeneratedSupport.Count, S, "beta = lam log lam entrywise (Theorem 2)",
            c => $"Poisson({c.ByClass("lam", "positive")})"),
        new("Poisson(exp(m[c]))", ParentKind.Categorical, GeneratedSupport.Count, S, "beta = m entrywise",
            c => $"Poisson(exp({c.ByClass("m", "real")}))"),
        new("Gamma(a[c], b[c])", ParentKind.Categorical, GeneratedSupport.Positive, S, "beta = (a - 1, b) entrywise",
            c => $"Gamma({c.ByClass("sh", "positive")}, {c.ByClass("rt", "positive")})"),
        new("Gamma(2, b[c])", ParentKind.Categorical, GeneratedSupport.Positive, V, "eta_1 = 1 with a zero Jacobian row",
            c => $"Gamma(2, {c.ByClass("rt", "positive")})"),
        new("Exponential(r[c])", ParentKind.Categorical, GeneratedSupport.Positive, S, "beta = r entrywise",
            c => $"Exponential({c.ByClass("rt", "positive")})"),
        new("Beta(a[c], b[c])", ParentKind.Categorical, GeneratedSupport.Unit, S, "beta = (a - 1, b - 1) entrywise",
            c => $"Beta({c.ByClass("sa", "positive")}, {c.ByClass("sb", "positive")})"),
        new("Categorical(T[c])", ParentKind.Categorical, GeneratedSupport.Categorical, S, "each row of T is a simplex with the categorical Jacobian: Prop. 4 per row",
            c => $"Categorical({c.TransitionRow("T")})") { ScalarOnly = true, LatentOnly = true },
    ];

    /// <summary>
    /// Tie patterns: children of the root prior Normal(0, s) that reuse its variance s. The prior forces
    /// beta_s = -s; the child must absorb it.
    /// </summary>
    public static IReadOnlyList<BuildingBlock> RootVarianceChildren { get; } =
    [
        new("Bernoulli(sigmoid(s L + b)) tied", ParentKind.Features, GeneratedSupport.Binary, S, "beta_s = -s, beta_W = 2W, beta_b = b",
            c => $"Bernoulli(sigmoid({c.RootVarianceName} * {c.Linear()} + {c.PerElement("b", "real")}))") { UsesRootVariance = true },
        new("Bernoulli(sigmoid(s F1 + b)) tied", ParentKind.Features, GeneratedSupport.Binary, V, "beta_s = -s forced: -s F1 + beta_b = s F1 + b for all F1 is impossible",
            c => $"Bernoulli(sigmoid({c.RootVarianceName} * {c.FirstFeature} + {c.PerElement("b", "real")}))") { UsesRootVariance = true },
    ];

    /// <summary>The root prior of the tie patterns: Normal(0, s) with s the root's own scalar variance.</summary>
    public static BuildingBlock TiedRoot { get; } =
        new("Normal(0, s) root, s reused below", ParentKind.None, GeneratedSupport.Real, S, "degree -1 in s: alpha = -s",
            c => $"Normal(0, {c.RootVarianceName})");

    /// <summary>Every block, for coverage checks.</summary>
    public static IEnumerable<BuildingBlock> All => [.. Priors, .. FeatureChildren, .. ClassChildren, .. RootVarianceChildren, TiedRoot];

    private static string Simplex(BlockContext c)
    {
        var name = c.Own("pi");
        c.Spec.Param(name, [c.Child.Categories!], "simplex");
        return name;
    }
}
