using System.Collections.Immutable;
using System.Text.Json.Nodes;
using CriterionCheck.Kernel;
using CriterionCheck.Symbolics.Core;
using static CriterionCheck.Tests.Templates.TemplateCertificateEdits;

namespace CriterionCheck.Tests.Templates;

/// <summary>
/// The template kernel against forged certificates for every size. Each row takes the genuine template
/// certificate the tool proved for a catalog spec, changes one thing, and expects a rejection with a
/// problem that says what is wrong; the genuine certificate is accepted in the same test, so no row
/// can pass because the kernel rejects everything. Several forgeries hold at the catalog's declared
/// sizes (β[sigma2] = −sigma2·(H − 1) at H = 2, β[mu[d]] = mu[d]·(D − 2) at D = 3) and fail only at
/// other sizes: a kernel that checked the declared sizes alone would accept them.
/// </summary>
public class TemplateKernelTamperTests
{
    private const string Sbn = "sigmoid-belief-net.model", Sbn2 = "sigmoid-belief-net-2layer.model", Sbn3 = "sigmoid-belief-net-3layer.model",
        Ppca = "probabilistic-pca.model", Fa = "factor-analysis.model", Gmm = "gaussian-mixture.model", Gamma = "gamma-mixture.model",
        Poisson = "poisson-mixture.model", Bernoulli = "bernoulli-mixture.model", MixturePrior = "mixture-prior.model",
        Vae = "vae-bernoulli-linear.model", Decoder = "gaussian-decoder.model", DecoderDiagonal = "gaussian-decoder-diagonal.model",
        Glm = "poisson-glm.model", Laplace = "laplace-sparse-coding.model", Bsc = "binary-sparse-coding.model";

    // What the kernel says, per kind of failure.
    private const string NotProved = "is not proved zero for every size", NotProvedMatrix = "is not proved zero for every dimension",
        Unbound = "which is neither a parameter, a size nor an index its key binds", Latent = "depends on the latent variable",
        Opaque = "depends on an opaque function", Undefined = "is not shown to be defined on the whole parameter domain";

    // The residual's location: the factor's template with its free indices, and the natural parameter.
    private static string At(string where, int natural) => $"{where}, natural parameter {natural}: η − Jβ = ";

    private const string SbnX = "x[d in 1..D]", SbnZ = "z[h in 1..H]", Categorical = "c[k in 1..C - 1]", MixtureX = "x[c in 1..C]";

    // The last weight π_C = 1 − Σ_{c<C} π_c and the categorical α written by hand (paper Eq. 45): α_c = π_c(log π_c + H[π]).
    private const string Last = "(1 - sum(c2 in C - 1, pi[c2]))";
    private const string Rest = "sum(j in C - 1, pi[j]*log(pi[j]))";

    // A forgery is an edit of the certificate's JSON, or — where the JSON reader itself refuses the text
    // (a key with the wrong number of indices) — of the certificate's objects.
    private sealed record Tamper(string Spec, Action<JsonObject>? Edit, string Problem, Func<Certificate, Certificate>? Direct = null);

    // The group of factor with the coefficient of block replaced: a new key (from the old key's indices) and value.
    private static Func<Certificate, Certificate> Replace(string factor, string block, Func<Symbol, Expr> key, Func<Symbol, Expr> value) => c =>
    {
        var group = c.Groups.Single(g => g.Factors.Contains(factor));
        var old = group.Coefficients.Keys.OfType<Symbol>().Single(k => k.Name == block);
        var coefficients = group.Coefficients.ToImmutableDictionary().Remove(old).Add(key(old), value(old));
        return new Certificate(c.Groups.Replace(group, group with { Coefficients = coefficients }));
    };

    // One row per forgery: (name, spec, edit, a fragment of the problem the kernel must report).
    private static readonly Dictionary<string, Tamper> Table = new()
    {
        // Sigmoid belief net: β[W[d,h]] = W[d,h], β[mu[d]] = mu[d], α[pi[h]] = pi[h](1 − pi[h]) logit pi[h].
        ["sbn: β[W[d,h]] = W[h,d], the transpose (W is D×H)"] = new(Sbn, Set("x", "W[d,h]", "W[h,d]"), "reads W[h,d], whose index h runs over 1..H but indexes an axis of W over 1..D"),
        ["sbn: β[W[d,h]] = W[d,d], a wrong index"] = new(Sbn, Set("x", "W[d,h]", "W[d,d]"), "reads W[d,d], whose index d runs over 1..D but indexes an axis of W over 1..H"),
        ["sbn: β[W[d,h]] = W[d,1], a fixed index"] = new(Sbn, Set("x", "W[d,h]", "W[d,1]"), "reads W[d,1], whose index 1 is neither an index its key binds nor one a sum binds, so the element may not exist at every size"),
        ["sbn: the key W[h,d] with the value W[d,h], index names swapped"] = new(Sbn, Rekey("x", "W[d,h]", "W[h,d]", "W[d,h]"), "reads W[d,h], whose index d runs over 1..H but indexes an axis of W over 1..D"),
        ["sbn: β[W[d,h]] = -W[d,h], a wrong sign"] = new(Sbn, Set("x", "W[d,h]", "-W[d,h]"), At(SbnX, 1)),
        ["sbn: β[W[d,h]] = 2*W[d,h], a wrong factor"] = new(Sbn, Set("x", "W[d,h]", "2*W[d,h]"), At(SbnX, 1)),
        ["sbn: β[W[d,h]] = W[d,h]/2, a wrong factor"] = new(Sbn, Set("x", "W[d,h]", "W[d,h]/2"), At(SbnX, 1)),
        ["sbn: β[mu[d]] = -mu[d]"] = new(Sbn, Set("x", "mu[d]", "-mu[d]"), At(SbnX, 1)),
        ["sbn: β[mu[d]] = mu[d] + 1, an extra term"] = new(Sbn, Set("x", "mu[d]", "mu[d] + 1"), At(SbnX, 1)),
        ["sbn: β[mu[d]] = mu[d] + W[d,1], an extra term"] = new(Sbn, Set("x", "mu[d]", "mu[d] + W[d,1]"), "reads W[d,1], whose index 1 is neither an index its key binds nor one a sum binds, so the element may not exist at every size"),
        ["sbn: β[mu[d]] = d*mu[d], depends on the value of its own index"] = new(Sbn, Set("x", "mu[d]", "d*mu[d]"), At(SbnX, 1)),
        ["sbn: β[mu[d]] = mu[d]*(D - 2), right at D = 3 only"] = new(Sbn, Set("x", "mu[d]", "mu[d]*(D - 2)"), At(SbnX, 1)),
        ["sbn: β[W[d,h]] = W[d,h]*(H - 1), right at H = 2 only"] = new(Sbn, Set("x", "W[d,h]", "W[d,h]*(H - 1)"), At(SbnX, 1)),
        ["sbn: β[mu[d]] dropped"] = new(Sbn, Drop("x", "mu[d]"), At(SbnX, 1)),
        ["sbn: β[W[d,h]] dropped"] = new(Sbn, Drop("x", "W[d,h]"), At(SbnX, 1)),
        ["sbn: β[mu[d]] = mu[d]*z[d], a latent"] = new(Sbn, Set("x", "mu[d]", "mu[d]*z[d]"), Latent + " z[d]"),
        ["sbn: β[W[d,h]] = W[d,h]*z[h], a latent"] = new(Sbn, Set("x", "W[d,h]", "W[d,h]*z[h]"), Latent + " z[h]"),
        // A β that absorbs the latents makes η − Jβ vanish: only the latent check stands in its way.
        ["sbn: θ = {mu} with β[mu[d]] = mu[d] + sum(h in H, W[d,h]*z[h]), absorbing the latents"] = new(Sbn,
            All(Theta("x", "mu"), Drop("x", "W[d,h]"), Set("x", "mu[d]", "mu[d] + sum(h in H, W[d,h]*z[h])")), Latent),
        ["sbn: β[mu[d]] = mu[d] + x[d], the observable"] = new(Sbn, Set("x", "mu[d]", "mu[d] + x[d]"), Latent + " x[d]"),
        ["sbn: β[mu[d]] = mu[d] + h, an index the key does not bind"] = new(Sbn, Set("x", "mu[d]", "mu[d] + h"), Unbound),
        ["sbn: β[mu[d]] = mu[d] + 1/mu[d], a pole"] = new(Sbn, Set("x", "mu[d]", "mu[d] + 1/mu[d]"), Undefined),
        ["sbn: α[pi[h]] = pi[h]*logit(pi[h]), the factor 1 - pi[h] missing"] = new(Sbn, Set("z", "pi[h]", "pi[h]*logit(pi[h])"), At(SbnZ, 1)),
        ["sbn: α[pi[h]] = pi[h]*(1 - pi[h]), the logit missing"] = new(Sbn, Set("z", "pi[h]", "pi[h]*(1 - pi[h])"), At(SbnZ, 1)),
        ["sbn: α[pi[h]] with a wrong sign"] = new(Sbn, Set("z", "pi[h]", "-pi[h]*logit(pi[h])*(1 - pi[h])"), At(SbnZ, 1)),
        ["sbn: α[pi[h]] dropped"] = new(Sbn, Drop("z", "pi[h]"), At(SbnZ, 1)),
        ["sbn: α[pi[h]] depends on the plate index d of another factor"] = new(Sbn, Set("z", "pi[h]", "pi[h]*logit(pi[h])*(1 - pi[h]) + d"), Unbound),
        ["sbn: a key for q[d], no parameter of the model"] = new(Sbn, Set("x", "q[d]", "q[d]"), "a coefficient for q[d], which is not a parameter block"),
        ["sbn: the key mu[d,h] has one index too many"] = new(Sbn, null, "the key mu[d,h] has 2 indices",
            Replace("x", "mu", k => Symbol.Of("mu", k.Indices[0], Symbol.Of("h")), k => k)),
        ["sbn: the key W[d,d] names one index twice"] = new(Sbn, Rekey("x", "W[d,h]", "W[d,d]", "W[d,d]"), "the key W[d,d] names an index twice"),
        ["sbn: the key W[2,1] gives values, not index names"] = new(Sbn, Rekey("x", "W[d,h]", "W[2,1]", "W[2,1]"), "must name each index of W"),
        ["sbn: the key W[d,H] uses a size as an index name"] = new(Sbn, Rekey("x", "W[d,h]", "W[d,H]", "W[d,H]"), "must name each index of W"),
        ["sbn: two keys for the block W"] = new(Sbn, Set("x", "W[i,j]", "W[i,j]"), "two coefficients for the block W"),
        ["sbn: θ without mu but a coefficient for it"] = new(Sbn, Theta("x", "W"), "a coefficient for mu[d], whose block is not in θ"),
        ["sbn: θ names pi, which x does not use"] = new(Sbn, Theta("x", "W", "mu", "pi"), "θ names pi, which no factor of the group (x) uses"),
        ["sbn: θ names W twice"] = new(Sbn, Theta("x", "W", "mu", "W"), "θ names a parameter twice"),
        ["sbn: the prior's group dropped"] = new(Sbn, DropGroup("z"), "factor z must be covered by exactly one group, not 0"),
        ["sbn: the observable covered twice"] = new(Sbn, Factors("x", "x", "x"), "factor x must be covered by exactly one group, not 2"),

        // Two- and three-layer SBNs: the same templates per layer.
        ["sbn2: β[M[i,h]] = M[h,i], the transpose (I = H at the declared sizes)"] = new(Sbn2, Set("y", "M[i,h]", "M[h,i]"), "reads M[h,i], whose index h runs over 1..H but indexes an axis of M over 1..I"),
        ["sbn2: β[nu[i]] dropped"] = new(Sbn2, Drop("y", "nu[i]"), At("y[i in 1..I]", 1)),
        ["sbn2: β[W[d,i]] = W[d,i]*y[i], a latent of the middle layer"] = new(Sbn2, Set("x", "W[d,i]", "W[d,i]*y[i]"), Latent + " y[i]"),
        ["sbn3: β[b2[h3]] = b2[h3]*(H3 - 1), right at H3 = 2 only"] = new(Sbn3, Set("z3", "b2[h3]", "b2[h3]*(H3 - 1)"), At("z3[j in 1..H3]", 1)),
        ["sbn3: β[W1[h2,h1]] = W2[h2,h1], another layer's weights"] = new(Sbn3, Set("z2", "W1[h2,h1]", "W2[h2,h1]"), "reads W2[h2,h1], whose index h2 runs over 1..H2 but indexes an axis of W2 over 1..H3"),

        // p-PCA: α[lambda[h]] = −lambda[h], β[sigma2] = −sigma2 (homogeneous of degree −1).
        ["ppca: α[lambda[h]] = lambda[h], a wrong sign"] = new(Ppca, Set("z", "lambda[h]", "lambda[h]"), At(SbnZ, 2)),
        ["ppca: α[lambda[h]] = -2*lambda[h]"] = new(Ppca, Set("z", "lambda[h]", "-2*lambda[h]"), At(SbnZ, 2)),
        ["ppca: α[lambda[h]] = -lambda[h]/2"] = new(Ppca, Set("z", "lambda[h]", "-lambda[h]/2"), At(SbnZ, 2)),
        ["ppca: α[lambda[h]] = -lambda[1], a fixed index"] = new(Ppca, Set("z", "lambda[h]", "-lambda[1]"), "reads lambda[1], whose index 1 is neither an index its key binds nor one a sum binds, so the element may not exist at every size"),
        ["ppca: α[lambda[h]] dropped"] = new(Ppca, Drop("z", "lambda[h]"), At(SbnZ, 2)),
        ["ppca: β[sigma2] = sigma2, a wrong sign"] = new(Ppca, Set("x", "sigma2", "sigma2"), At(SbnX, 2)),
        ["ppca: β[sigma2] = -2*sigma2"] = new(Ppca, Set("x", "sigma2", "-2*sigma2"), At(SbnX, 2)),
        ["ppca: β[sigma2] = -sigma2/2, 1/2 instead of 1"] = new(Ppca, Set("x", "sigma2", "-sigma2/2"), At(SbnX, 2)),
        ["ppca: β[sigma2] = -sigma2 + d, the plate index"] = new(Ppca, Set("x", "sigma2", "-sigma2 + d"), Unbound),
        ["ppca: β[sigma2] = -sigma2*lambda[d], the plate index inside an element"] = new(Ppca, Set("x", "sigma2", "-sigma2*lambda[d]"), Unbound),
        ["ppca: β[sigma2] = -H*sigma2, a size"] = new(Ppca, Set("x", "sigma2", "-H*sigma2"), At(SbnX, 2)),
        ["ppca: β[sigma2] = -sigma2*(H - 1), right at H = 2 only"] = new(Ppca, Set("x", "sigma2", "-sigma2*(H - 1)"), At(SbnX, 2)),
        ["ppca: β[sigma2] = -sigma2*D/3, right at D = 3 only"] = new(Ppca, Set("x", "sigma2", "-sigma2*D/3"), At(SbnX, 2)),
        ["ppca: β[sigma2] = -sigma2 - sum(h in H, lambda[h]), an extra term"] = new(Ppca, Set("x", "sigma2", "-sigma2 - sum(h in H, lambda[h])"), At(SbnX, 2)),
        ["ppca: β[sigma2] = -sigma2*z[1], a latent"] = new(Ppca, Set("x", "sigma2", "-sigma2*z[1]"), Latent + " z[1]"),
        ["ppca: β[sigma2] = -sigma2 + sum(h in H, z[h]), latents under a sum"] = new(Ppca, Set("x", "sigma2", "-sigma2 + sum(h in H, z[h])"), Latent),
        ["ppca: β[sigma2] dropped"] = new(Ppca, Drop("x", "sigma2"), At(SbnX, 2)),
        ["ppca: β[W[d,h]] = W[d,h] and β[mu[d]] = mu[d] added"] = new(Ppca,
            All(Theta("x", "W", "mu", "sigma2"), Set("x", "W[d,h]", "W[d,h]"), Set("x", "mu[d]", "mu[d]")), At(SbnX, 1)),

        // Factor analysis: β[psi[d]] = −psi[d].
        ["fa: β[psi[d]] = psi[d], a wrong sign"] = new(Fa, Set("x", "psi[d]", "psi[d]"), At(SbnX, 2)),
        ["fa: β[psi[d]] = -psi[1], a fixed index"] = new(Fa, Set("x", "psi[d]", "-psi[1]"), "reads psi[1], whose index 1 is neither an index its key binds nor one a sum binds, so the element may not exist at every size"),
        ["fa: β[psi[d]] = -psi[h], an index the key does not bind"] = new(Fa, Set("x", "psi[d]", "-psi[h]"), Unbound),
        ["fa: β[psi[d]] = -sum(e in D, psi[e]), the whole block"] = new(Fa, Set("x", "psi[d]", "-sum(e in D, psi[e])"), At(SbnX, 2)),
        ["fa: β[psi[d]] = -psi[d]*D/3, right at D = 3 only"] = new(Fa, Set("x", "psi[d]", "-psi[d]*D/3"), At(SbnX, 2)),
        ["fa: β[psi[d]] dropped"] = new(Fa, Drop("x", "psi[d]"), At(SbnX, 2)),

        // Gaussian mixture: β[Sigma[c,d,d2]] = −Sigma[c,d,d2], proved on matrices at every dimension.
        ["gmm: β[Sigma] = -2*Sigma"] = new(Gmm, Set("x", "Sigma[c,d,d2]", "-2*Sigma[c,d,d2]"), At(MixtureX, 1)),
        ["gmm: β[Sigma] = Sigma, a wrong sign"] = new(Gmm, Set("x", "Sigma[c,d,d2]", "Sigma[c,d,d2]"), At(MixtureX, 1)),
        ["gmm: β[Sigma] = -Sigma/2"] = new(Gmm, Set("x", "Sigma[c,d,d2]", "-Sigma[c,d,d2]/2"), NotProvedMatrix),
        ["gmm: β[Sigma] = -Sigma*(C - 2), right at C = 3 only"] = new(Gmm, Set("x", "Sigma[c,d,d2]", "-Sigma[c,d,d2]*(C - 2)"), NotProvedMatrix),
        ["gmm: β[Sigma[c,d,d2]] = -Sigma[c,d,d], the diagonal"] = new(Gmm, Set("x", "Sigma[c,d,d2]", "-Sigma[c,d,d]"), "is not a multiple of Sigma[c,d,d2]"),
        ["gmm: β[Sigma[c,d,d2]] = -d*Sigma[c,d,d2], depends on a matrix index"] = new(Gmm, Set("x", "Sigma[c,d,d2]", "-d*Sigma[c,d,d2]"), "is not a multiple of Sigma[c,d,d2]"),
        ["gmm: β[Sigma] dropped"] = new(Gmm, Drop("x", "Sigma[c,d,d2]"), NotProvedMatrix),
        ["gmm: β[mu[c,d]] = mu[c,d] added"] = new(Gmm, All(Theta("x", "mu", "Sigma"), Set("x", "mu[c,d]", "mu[c,d]")), At(MixtureX, 1)),
        ["gmm: the key Sigma[c,d] has one index too few"] = new(Gmm, null, "the key Sigma[c,d] has 2 indices",
            Replace("x", "Sigma", k => Symbol.Of("Sigma", k.Indices[0], k.Indices[1]), k => -Symbol.Of("Sigma", k.Indices[0], k.Indices[1], k.Indices[1]))),
        ["gmm: α without the last weight's term of H[π]"] = new(Gmm, Set("c", "pi[c]", $"pi[c]*(log(pi[c]) - {Rest})"), At(Categorical, 1)),
        ["gmm: α without the free weights' terms of H[π]"] = new(Gmm, Set("c", "pi[c]", $"pi[c]*(log(pi[c]) - {Last}*log({Last}))"), At(Categorical, 1)),
        ["gmm: α with the sum over C, not C - 1, and the last weight again"] = new(Gmm,
            Set("c", "pi[c]", $"pi[c]*(log(pi[c]) - {Last}*log({Last}) - sum(j in C, pi[j]*log(pi[j])))"), At(Categorical, 1)),
        ["gmm: α with the sum over C - 2"] = new(Gmm, Set("c", "pi[c]", $"pi[c]*(log(pi[c]) - {Last}*log({Last}) - sum(j in C - 2, pi[j]*log(pi[j])))"), "sums over 1..C - 2, which is not a size of the model (nor a simplex's free weights, 1..C − 1)"),
        ["gmm: α = pi[c]*log(pi[c]), no entropy"] = new(Gmm, Set("c", "pi[c]", "pi[c]*log(pi[c])"), At(Categorical, 1)),
        ["gmm: α with the entropy's sign flipped"] = new(Gmm, Set("c", "pi[c]", $"pi[c]*(log(pi[c]) + {Last}*log({Last}) + {Rest})"), At(Categorical, 1)),
        ["gmm: α doubled"] = new(Gmm, Set("c", "pi[c]", $"2*pi[c]*(log(pi[c]) - {Last}*log({Last}) - {Rest})"), At(Categorical, 1)),
        ["gmm: α plus the size C"] = new(Gmm, Set("c", "pi[c]", $"pi[c]*(log(pi[c]) - {Last}*log({Last}) - {Rest}) + C"), At(Categorical, 1)),
        ["gmm: α keyed pi[k] but written in the latent c"] = new(Gmm, Rekey("c", "pi[c]", "pi[k]", $"pi[c]*(log(pi[c]) - {Last}*log({Last}) - {Rest})"), Latent + " c"),
        ["gmm: α with j outside its sum"] = new(Gmm, Set("c", "pi[c]", $"pi[c]*(log(pi[j]) - {Last}*log({Last}) - {Rest})"), Unbound),
        ["gmm: α dropped"] = new(Gmm, Drop("c", "pi[c]"), At(Categorical, 1)),

        // Gamma mixture (paper Sec. 4.1): β[alpha[c]] = alpha[c] − 1, β[beta[c]] = beta[c].
        ["gamma: β[alpha[c]] = alpha[c], the −1 missing"] = new(Gamma, Set("x", "alpha[c]", "alpha[c]"), At(MixtureX, 1)),
        ["gamma: β[alpha[c]] = alpha[c] + 1"] = new(Gamma, Set("x", "alpha[c]", "alpha[c] + 1"), At(MixtureX, 1)),
        ["gamma: β[alpha[c]] = alpha[c] - c, right for the first component only"] = new(Gamma, Set("x", "alpha[c]", "alpha[c] - c"), At(MixtureX, 1)),
        ["gamma: β[alpha[c]] = alpha[c] - 3/C, right at C = 3 only"] = new(Gamma, Set("x", "alpha[c]", "alpha[c] - 3/C"), At(MixtureX, 1)),
        ["gamma: β[beta[c]] = -beta[c]"] = new(Gamma, Set("x", "beta[c]", "-beta[c]"), At(MixtureX, 2)),
        ["gamma: β[beta[c]] = beta[c] + alpha[c]"] = new(Gamma, Set("x", "beta[c]", "beta[c] + alpha[c]"), At(MixtureX, 2)),
        ["gamma: β[beta[c]] dropped"] = new(Gamma, Drop("x", "beta[c]"), At(MixtureX, 2)),
        ["gamma: β[beta[c]] = beta[c]*x, the observable"] = new(Gamma, Set("x", "beta[c]", "beta[c]*x"), Latent + " x"),

        // Poisson and Bernoulli mixtures: β = λ log λ and p(1 − p) logit p.
        ["poisson: β[lambda[c,d]] = lambda[c,d], the log missing"] = new(Poisson, Set("x", "lambda[c,d]", "lambda[c,d]"), At("x[d in 1..D, c in 1..C]", 1)),
        ["poisson: β[lambda[c,d]] = lambda[c,d]*log(lambda[d,c]), transposed (C = D at the declared sizes)"] = new(Poisson,
            Set("x", "lambda[c,d]", "lambda[c,d]*log(lambda[d,c])"), "reads lambda[d,c], whose index d runs over 1..D but indexes an axis of lambda over 1..C"),
        ["poisson: β[lambda[c,d]] = lambda[c,d]*log(lambda[c,1])"] = new(Poisson, Set("x", "lambda[c,d]", "lambda[c,d]*log(lambda[c,1])"), "reads lambda[c,1], whose index 1 is neither an index its key binds nor one a sum binds, so the element may not exist at every size"),
        ["poisson: β[lambda[c,d]] = lambda[c,d]*log(lambda[c,d] - 1), undefined below 1"] = new(Poisson, Set("x", "lambda[c,d]", "lambda[c,d]*log(lambda[c,d] - 1)"), Undefined),
        ["bernoulli: β[p[c,d]] = p[c,d]*logit(p[c,d]), the factor 1 - p missing"] = new(Bernoulli, Set("x", "p[c,d]", "p[c,d]*logit(p[c,d])"), At("x[d in 1..D, c in 1..C]", 1)),
        ["bernoulli: β[p[c,d]] = p[c,d]*(1 - p[c,d])*logit(p[c,d])*(D - 2), right at D = 3 only"] = new(Bernoulli,
            Set("x", "p[c,d]", "p[c,d]*(1 - p[c,d])*logit(p[c,d])*(D - 2)"), At("x[d in 1..D, c in 1..C]", 1)),

        // Mixture prior: α[lambda[c,h]] = −lambda[c,h] with m outside θ.
        ["mixture prior: α[lambda[c,h]] = -lambda[c,h] + m[c,h]"] = new(MixturePrior, Set("z", "lambda[c,h]", "-lambda[c,h] + m[c,h]"), At("z[h in 1..H, c in 1..C]", 1)),
        ["mixture prior: α[lambda[c,h]] = -lambda[h,c], transposed"] = new(MixturePrior, Set("z", "lambda[c,h]", "-lambda[h,c]"), "reads lambda[h,c], whose index h runs over 1..H but indexes an axis of lambda over 1..C"),
        ["mixture prior: α[m[c,h]] = m[c,h] added"] = new(MixturePrior, All(Theta("z", "m", "lambda"), Set("z", "m[c,h]", "m[c,h]")), At("z[h in 1..H, c in 1..C]", 1)),

        // Opaque decoders: a coefficient may not read the opaque function (it depends on the latents).
        ["vae: β[V[d,k]] = V[d,k] + g[k](z; w), an opaque call"] = new(Vae, Set("x", "V[d,k]", "V[d,k] + g[k](z; w)"), Opaque),
        ["vae: θ = {b} with β[b[d]] = b[d] + sum(k in K, V[d,k]*g[k](z; w)), absorbing the decoder"] = new(Vae,
            All(Theta("x", "b"), Drop("x", "V[d,k]"), Set("x", "b[d]", "b[d] + sum(k in K, V[d,k]*g[k](z; w))")), Opaque),
        ["vae: β[b[d]] = -b[d]"] = new(Vae, Set("x", "b[d]", "-b[d]"), At(SbnX, 1)),
        ["vae: the whole block w with β[w] = w"] = new(Vae, All(Theta("x", "V", "b", "w"), Set("x", "w", "w")), At(SbnX, 1)),
        ["decoder: β[sigma2] = -sigma2 + f[1](z; w), an opaque call"] = new(Decoder, Set("x", "sigma2", "-sigma2 + f[1](z; w)"), Opaque),
        ["decoder: the whole block w with β[w] = w"] = new(Decoder, All(Theta("x", "w", "sigma2"), Set("x", "w", "w")), At(SbnX, 1)),
        ["decoder diagonal: β[sigma2[d]] = -sigma2[1]"] = new(DecoderDiagonal, Set("x", "sigma2[d]", "-sigma2[1]"), "reads sigma2[1], whose index 1 is neither an index its key binds nor one a sum binds, so the element may not exist at every size"),

        // Poisson GLM, Laplace and binary sparse coding.
        ["glm: β[b[d]] = b[d] + 1"] = new(Glm, Set("x", "b[d]", "b[d] + 1"), At(SbnX, 1)),
        ["glm: β[W[d,h]] = W[h,d], the transpose"] = new(Glm, Set("x", "W[d,h]", "W[h,d]"), "reads W[h,d], whose index h runs over 1..H but indexes an axis of W over 1..D"),
        ["laplace: α[b[h]] = b[h], a wrong sign"] = new(Laplace, Set("z", "b[h]", "b[h]"), At(SbnZ, 1)),
        ["laplace: α[b[h]] = -b[h]*H/2, right at H = 2 only"] = new(Laplace, Set("z", "b[h]", "-b[h]*H/2"), At(SbnZ, 1)),
        ["bsc: α[pi[h]] = pi[h]*logit(pi[h])*(1 - pi[h])*(H - 1), right at H = 2 only"] = new(Bsc,
            Set("z", "pi[h]", "pi[h]*logit(pi[h])*(1 - pi[h])*(H - 1)"), At(SbnZ, 1)),
        ["bsc: β[sigma2] = -sigma2 + h, an unbound index"] = new(Bsc, Set("x", "sigma2", "-sigma2 + h"), Unbound),
    };

    public static TheoryData<string> Cases => [.. Table.Keys];

    [Fact]
    public void The_table_has_at_least_60_forgeries_over_at_least_12_specs()
    {
        Assert.True(Table.Count >= 60, $"{Table.Count} rows");
        Assert.True(Table.Values.Select(t => t.Spec).Distinct().Count() >= 12);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Template_kernel_rejects_the_forged_certificate(string name)
    {
        var tamper = Table[name];
        var model = TemplateCatalog.Model(tamper.Spec);
        var genuine = TemplateCatalog.Genuine(tamper.Spec);
        var accepted = TemplateKernel.Check(model, genuine);
        Assert.True(accepted.Accepted, $"the genuine certificate of {tamper.Spec} was rejected: {string.Join("; ", accepted.Problems)}");

        Certificate forged;
        if (tamper.Direct is { } direct) forged = direct(genuine);
        else
        {
            var json = TemplateCatalog.GenuineJson(tamper.Spec);
            var before = json.ToJsonString();
            tamper.Edit!(json);
            Assert.NotEqual(before, json.ToJsonString());
            (forged, var allSizes) = TemplateCatalog.Read(model, json.ToJsonString());
            Assert.True(allSizes);
        }

        var result = TemplateKernel.Check(model, forged);
        Assert.False(result.Accepted, $"{name}: the forged certificate was accepted");
        Assert.NotEmpty(result.Problems);
        Assert.All(result.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p)));
        Assert.True(result.Problems.Any(p => p.Contains(tamper.Problem, StringComparison.Ordinal)),
            $"{name}: expected a problem containing \"{tamper.Problem}\", got:\n{string.Join("\n", result.Problems)}");
        if (tamper.Problem.Contains("η − Jβ", StringComparison.Ordinal))
            Assert.Contains(result.Problems, p => p.Contains(NotProved, StringComparison.Ordinal) || p.Contains(NotProvedMatrix, StringComparison.Ordinal));
    }

    // Equivalent rewritings of the genuine coefficients, and renamings of their index names: the kernel
    // proves them too, so its rejections above are about the forgery, not the notation.
    private static readonly Dictionary<string, (string Spec, Action<JsonObject> Edit)> Equivalent = new()
    {
        ["sbn: keys W[i,j] and mu[k]"] = (Sbn, All(Rekey("x", "W[d,h]", "W[i,j]", "W[i,j]"), Rekey("x", "mu[d]", "mu[k]", "mu[k]"))),
        ["sbn: the key W[h,d] with the value W[h,d], names swapped consistently"] = (Sbn, Rekey("x", "W[d,h]", "W[h,d]", "W[h,d]")),
        ["sbn: α[pi[h]] = pi[h]*(1 - pi[h])*(log(pi[h]) - log(1 - pi[h]))"] = (Sbn, Set("z", "pi[h]", "pi[h]*(1 - pi[h])*(log(pi[h]) - log(1 - pi[h]))")),
        ["fa: the key psi[h]"] = (Fa, Rekey("x", "psi[d]", "psi[h]", "-psi[h]")),
        ["gmm: the key Sigma[k,i,j]"] = (Gmm, Rekey("x", "Sigma[c,d,d2]", "Sigma[k,i,j]", "-Sigma[k,i,j]")),
        ["gmm: α with the entropy summed over all C weights"] = (Gmm, Set("c", "pi[c]", "pi[c]*(log(pi[c]) - sum(j in C, pi[j]*log(pi[j])))")),
        ["gmm: α with the last weight written pi[C]"] = (Gmm, Set("c", "pi[c]", $"pi[c]*(log(pi[c]) - pi[C]*log(pi[C]) - {Rest})")),
        ["gamma: β[alpha[c]] = (2*alpha[c] - 2)/2"] = (Gamma, Set("x", "alpha[c]", "(2*alpha[c] - 2)/2")),
        ["ppca: β[sigma2] = -sigma2*(H + 1)/(H + 1)"] = (Ppca, Set("x", "sigma2", "-sigma2*(H + 1)/(H + 1)")),
    };

    public static TheoryData<string> EquivalentCases => [.. Equivalent.Keys];

    [Theory]
    [MemberData(nameof(EquivalentCases))]
    public void Template_kernel_accepts_equivalent_forms_of_the_genuine_coefficients(string name)
    {
        var (spec, edit) = Equivalent[name];
        var model = TemplateCatalog.Model(spec);
        var json = TemplateCatalog.GenuineJson(spec);
        edit(json);
        var (certificate, allSizes) = TemplateCatalog.Read(model, json.ToJsonString());
        Assert.True(allSizes);
        var result = TemplateKernel.Check(model, certificate);
        Assert.True(result.Accepted, $"{name}: {string.Join("; ", result.Problems)}");
        Assert.True(result.Proofs.Total > 0);
    }

    [Theory]
    [MemberData(nameof(SatisfiedSpecs))]
    public void Template_kernel_accepts_every_genuine_certificate_and_it_round_trips_through_json(string spec)
    {
        var model = TemplateCatalog.Model(spec);
        var genuine = TemplateCatalog.Genuine(spec);
        Assert.True(TemplateKernel.IsTemplate(model, genuine));
        var direct = TemplateKernel.Check(model, genuine);
        Assert.True(direct.Accepted, string.Join("; ", direct.Problems));
        var (read, allSizes) = TemplateCatalog.Read(model, TemplateCatalog.Json(genuine));
        Assert.True(allSizes);
        var again = TemplateKernel.Check(model, read);
        Assert.True(again.Accepted, string.Join("; ", again.Problems));
        Assert.Equal(direct.Proofs.Total, again.Proofs.Total);
    }

    public static TheoryData<string> SatisfiedSpecs => [.. TemplateCatalog.Satisfied];

    // The same forgeries made on the Expr objects of the genuine certificate, without JSON: a latent, an
    // observable and a wrong index inside β are rejected whatever route the certificate took.
    [Fact]
    public void Template_kernel_rejects_forgeries_built_on_the_certificate_objects()
    {
        var model = TemplateCatalog.Model(Sbn);
        var genuine = TemplateCatalog.Genuine(Sbn);
        var x = genuine.Groups.Single(g => g.Factors.Contains("x"));
        var mu = x.Coefficients.Keys.OfType<Symbol>().Single(k => k.Name == "mu");
        var w = x.Coefficients.Keys.OfType<Symbol>().Single(k => k.Name == "W");
        var (d, h) = (w.Indices[0], w.Indices[1]);
        Expr[] forged =
        [
            x.Coefficients[mu] * Symbol.Of("z", d),
            x.Coefficients[mu] + Symbol.Of("x", d),
            Symbol.Of("W", h, d),
            x.Coefficients[w] + Number.Of(new Rational(1, 10_000_000_000)),
        ];
        foreach (var value in forged)
        {
            var key = value.Symbols().Any(s => s.Name == "W") ? w : mu;
            var group = x with { Coefficients = x.Coefficients.ToImmutableDictionary().SetItem(key, value) };
            var certificate = new Certificate(genuine.Groups.Replace(x, group));
            var result = TemplateKernel.Check(model, certificate);
            Assert.False(result.Accepted, $"β[{key}] = {value} was accepted");
            Assert.NotEmpty(result.Problems);
        }
    }
}
