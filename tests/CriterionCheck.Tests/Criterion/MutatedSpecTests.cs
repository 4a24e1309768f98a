using CriterionCheck.Criterion;
using CriterionCheck.Kernel;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Tests.Criterion;

/// <summary>
/// Soundness on specs the engine has never seen: catalog models mutated by one edit each (drop a
/// parameter, fix a variance, tie prior and observable parameters, make a natural parameter nonlinear
/// in latents and parameters together, take the prior's parameters away), with the verdict each must
/// get — worked out by hand in the comments — and the kernel accepting the evidence.
/// </summary>
public class MutatedSpecTests
{
    // name, catalog file, edits "find => replace" separated by " ;; ", expected verdict
    public static TheoryData<string, string, string, Verdict> Mutations => new()
    {
        // Fixing the observation variance leaves η₂ = −1/2 with a zero Jacobian row.
        { "p-PCA with unit variance", "probabilistic-pca.model", "param sigma2 positive => ;; + mu[d], sigma2) => + mu[d], 1)", Verdict.Violated },
        // A parameter-free N(0, 1) prior: ζ₂ = −1/2 and no columns at all.
        { "p-PCA with a standard-normal prior", "probabilistic-pca.model", "param lambda[H] positive => ;; Normal(0, lambda[h]) => Normal(0, 1)", Verdict.Violated },
        // One variance for prior and observable: jointly homogeneous of degree −1, β = −s.
        { "p-PCA with the prior variance tied to the observable's", "probabilistic-pca.model", "param lambda[H] positive => ;; Normal(0, lambda[h]) => Normal(0, sigma2)", Verdict.Satisfied },
        // The observable borrows the prior's first variance: still degree −1 jointly.
        { "p-PCA with the observable variance tied to lambda[1]", "probabilistic-pca.model", "param sigma2 positive => ;; + mu[d], sigma2) => + mu[d], lambda[1])", Verdict.Satisfied },
        // No bias: η = Wz, homogeneous of degree 1 in W.
        { "SBN without biases", "sigmoid-belief-net.model", "param mu[D] real => ;; + mu[d])) => ))", Verdict.Satisfied },
        // Squared weights: β_W = W/2, β_μ = μ solves it by elimination.
        { "SBN with squared weights", "sigmoid-belief-net.model", "W[d, h] * z[h] => W[d, h]^2 * z[h]", Verdict.Satisfied },
        // Gaussian latents inside tanh(W z): no latent-free β reproduces Σ tanh(W z) + μ for all real z.
        { "Bernoulli observable nonlinear in W and Gaussian latents together", "probabilistic-pca.model",
            "param sigma2 positive => ;; observe x[d in D] ~ Normal(sum(h in H, W[d, h] * z[h]) + mu[d], sigma2) => observe x[d in D] ~ Bernoulli(sigmoid(sum(h in H, tanh(W[d, h] * z[h])) + mu[d]))", Verdict.Violated },
        // Whatever the mean, a Gaussian with a variance parameter satisfies B with β = −σ².
        { "binary sparse coding with a sigmoid mean", "binary-sparse-coding.model", "Normal(sum(h in H, W[d, h] * z[h]), sigma2) => Normal(sigmoid(sum(h in H, W[d, h] * z[h])), sigma2)", Verdict.Satisfied },
        // A variance scaled by the latents stays homogeneous of degree −1 in sigma2.
        { "variance scaled by exp(z[1])", "binary-sparse-coding.model", "W[d, h] * z[h]), sigma2) => W[d, h] * z[h]), sigma2 * exp(z[1]))", Verdict.Satisfied },
        // A diagonal unit variance instead of a full covariance: η₂ = −1/2 again.
        { "mixture of unit-variance Gaussians", "gaussian-mixture.model",
            "param Sigma[C, D, D] posdef => ;; observe x[D] ~ MvNormal(mu[c], Sigma[c]) => observe x[d in D] ~ Normal(mu[c, d], 1)", Verdict.Violated },
        // One shared variance for all components: β_s = −s.
        { "mixture of Gaussians with one shared variance", "gaussian-mixture.model",
            "param Sigma[C, D, D] posdef => param s positive ;; observe x[D] ~ MvNormal(mu[c], Sigma[c]) => observe x[d in D] ~ Normal(mu[c, d], s)", Verdict.Satisfied },
        // A fixed shape makes η₁ = 1 a constant nonzero row.
        { "Gamma mixture with shape fixed to 2", "gamma-mixture.model", "param alpha[C] positive => ;; Gamma(alpha[c], beta[c]) => Gamma(2, beta[c])", Verdict.Violated },
        // A fixed rate makes η₂ = −1.
        { "Gamma mixture with rate fixed to 1", "gamma-mixture.model", "param beta[C] positive => ;; Gamma(alpha[c], beta[c]) => Gamma(alpha[c], 1)", Verdict.Violated },
        // A log link: η = m, β = m.
        { "Poisson mixture with rates exp(m)", "poisson-mixture.model", "param lambda[C, D] positive => param m[C, D] real ;; Poisson(lambda[c, d]) => Poisson(exp(m[c, d]))", Verdict.Satisfied },
        // A log link makes Poisson factorization linear in W: β = W.
        { "Poisson factorization with an exp link", "poisson-factorization.model",
            "param W[D, H] positive => param W[D, H] real ;; Poisson(sum(h in H, W[d, h] * z[h])) => Poisson(exp(sum(h in H, W[d, h] * z[h])))", Verdict.Satisfied },
        // A Laplace prior with a fixed scale: ζ = −1.
        { "Laplace prior with scale 1", "laplace-sparse-coding.model", "param b[H] positive => ;; Laplace(b[h]) => Laplace(1)", Verdict.Violated },
        // Dropping the middle layer's biases keeps every layer homogeneous.
        { "two-layer SBN without middle biases", "sigmoid-belief-net-2layer.model", "param nu[I] real => ;; M[i, h] * z[h]) + nu[i])) => M[i, h] * z[h])))", Verdict.Satisfied },
        // The middle layer reuses the prior's logits: a joint system, α and β agree on pi.
        { "two-layer SBN with middle biases tied to the prior", "sigmoid-belief-net-2layer.model",
            "dims H = 2, I = 2, D = 3 => dims H = 2, I = 2, D = 3 ;; param nu[I] real => ;; M[i, h] * z[h]) + nu[i])) => M[i, h] * z[h]) + logit(pi[i])))", Verdict.Satisfied },
        // An exponential prior with a rate: ζ = −r, α = r.
        { "exponential prior", "laplace-sparse-coding.model", "Laplace(b[h]) => Exponential(b[h])", Verdict.Satisfied },
        // A Bernoulli observable whose probability is the latent itself has no parameter at all.
        { "Bernoulli observable with p = z", "probabilistic-pca.model",
            "param W[D, H] real => ;; param mu[D] real => ;; param sigma2 positive => ;; latent  z[h in H] ~ Normal(0, lambda[h]) => latent  z[h in H] ~ Beta(lambda[h], lambda[h]) ;; observe x[d in D] ~ Normal(sum(h in H, W[d, h] * z[h]) + mu[d], sigma2) => observe x[d in D] ~ Bernoulli(z[1])",
            Verdict.Violated },
        // Gamma prior with a fixed rate in Poisson factorization: ζ₂ = −1.
        { "Poisson factorization with prior rate 1", "poisson-factorization.model", "param b[H] positive => ;; Gamma(a[h], b[h]) => Gamma(a[h], 1)", Verdict.Violated },
        // A squared parameter as the variance: homogeneous of degree −2, β = −lambda/2.
        { "variance written as a square", "factor-analysis.model", "param psi[D] positive => param psi[D] positive ;; + mu[d], psi[d]) => + mu[d], psi[d]^2)", Verdict.Satisfied },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public void Mutated_spec_gets_its_verdict_and_the_kernel_accepts_the_evidence(string name, string file, string edits, Verdict expected)
    {
        var text = File.ReadAllText(RepositoryPaths.Catalog(file));
        foreach (var edit in edits.Split(" ;; "))
        {
            var parts = edit.Split("=>").Select(p => p.Trim()).ToArray();
            Assert.True(text.Contains(parts[0]), $"{name}: '{parts[0]}' not in {file}");
            text = text.Replace(parts[0], parts[1]);
        }
        var model = ModelLoader.FromText(name, text);
        var result = CriterionEngine.Solve(model);
        Assert.Equal(expected, result.Verdict);
        if (result.Certificate is { } certificate) Assert.True(CertificateKernel.Check(model, certificate).Accepted, name);
        foreach (var group in result.Groups.Where(g => g.Witness is not null))
        {
            var witness = group.Witness!;
            var check = CertificateKernel.Check(model, witness);
            Assert.True(check.Accepted, $"{name}: {string.Join("; ", check.Problems)}");
            // Tampered witnesses are rejected: all weights zero shows nothing; and where the rows have
            // Jacobian columns, changing one weight breaks yᵀJ = 0.
            var zero = witness with { Rows = [.. witness.Rows.Select(r => r with { Weight = Number.Zero })] };
            Assert.False(CertificateKernel.Check(model, zero).Accepted, $"{name}: an all-zero witness was accepted");
            var changed = witness with { Rows = witness.Rows.SetItem(0, witness.Rows[0] with { Weight = witness.Rows[0].Weight * Number.Of(new Rational(3, 2)) + Number.Of(new Rational(1, 10)) }) };
            if (!group.Parameters.IsEmpty && witness.Rows.Length > 1)
                Assert.False(CertificateKernel.Check(model, changed).Accepted, $"{name}: a witness with one weight changed was accepted");
        }
    }
}
