using System.Text.Json.Nodes;
using CriterionCheck.Kernel;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Calculus;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Domains;
using CriterionCheck.Verification;
using static CriterionCheck.Tests.Templates.TemplateCertificateEdits;

namespace CriterionCheck.Tests.Templates;

/// <summary>
/// Defects found while testing the proofs for every size, kept as regression tests. Each test states the
/// correct behaviour and failed on main as of ae6d71e; the comment above it says what went wrong and why.
/// </summary>
public class TemplateKernelRegressionTests
{
    private static KernelResult CheckForged(string spec, Action<JsonObject> edit)
    {
        var model = TemplateCatalog.Model(spec);
        Assert.True(TemplateKernel.Check(model, TemplateCatalog.Genuine(spec)).Accepted);
        var json = TemplateCatalog.GenuineJson(spec);
        edit(json);
        var (certificate, allSizes) = TemplateCatalog.Read(model, json.ToJsonString());
        Assert.True(allSizes);
        return TemplateKernel.Check(model, certificate);
    }

    // Bug 1. A coefficient may name parameter elements outside their block: lambda[0] and lambda[H + 1]
    // do not exist at any size (the concrete reader refuses lambda[0] with "index 0 of lambda[H] must be a
    // whole number in 1..2"), yet the template kernel accepts a β that reads them, because its check of a
    // coefficient's symbols only compares the number of indices with the block's (TemplateKernel.CheckGroup,
    // the "stray" test), never their range. |x| − x vanishes for positive x, so the residual is proved.
    [Theory]
    [InlineData("-lambda[h] + abs(lambda[0]) - lambda[0]")]
    [InlineData("-lambda[h] + abs(lambda[H + 1]) - lambda[H + 1]")]
    [InlineData("-lambda[h] + log(lambda[H + 1]^2) - 2*log(lambda[H + 1])")]
    public void A_coefficient_that_reads_elements_outside_their_block_is_rejected(string alpha)
    {
        var result = CheckForged("probabilistic-pca.model", Set("z", "lambda[h]", alpha));
        Assert.False(result.Accepted, $"α[lambda[h]] = {alpha} was accepted, though it reads a lambda that does not exist");
    }

    // Bug 2. Bounds give a sum over a symbolic range at least one term (Bounds.Of: body · [1, ∞)), so
    // Σ_{j=1}^{U} λ_j counts as positive whatever U is. But U = H − 1 is 0 at H = 1 and U = 1 − H is never
    // positive, and the range may even be a parameter (1..sigma2). Definedness then passes log of such a
    // sum, and the kernel accepts a β that is undefined at H = 1, at every size, or meaningless.
    [Theory]
    [InlineData("sum(j in H - 1, lambda[j])")]
    [InlineData("sum(j in 1 - H, lambda[j])")]
    [InlineData("sum(j in sigma2, lambda[j])")]
    public void A_coefficient_with_the_log_of_a_possibly_empty_sum_is_rejected(string sum)
    {
        var alpha = $"-lambda[h] + log(({sum})^2) - 2*log({sum})";
        var result = CheckForged("probabilistic-pca.model", Set("z", "lambda[h]", alpha));
        Assert.False(result.Accepted, $"α[lambda[h]] = {alpha} was accepted, though the sum may be empty (log 0) or run over no size");
    }

    [Fact]
    public void Bounds_do_not_call_an_empty_sum_positive()
    {
        var model = TemplateCatalog.Model("probabilistic-pca.model");
        var bounds = new Bounds(model.Template!.Assumptions);
        var j = Symbol.Of("j");
        var h = Symbol.Of("H");
        // Σ_{j=1}^{1−H} λ_j is 0 for every H ≥ 1.
        Assert.False(bounds.IsPositive(IndexedSum.Of(j, 1 - h, Symbol.Of("lambda", j))));
        Assert.False(bounds.ExcludesZero(IndexedSum.Of(j, h - 1, Symbol.Of("lambda", j))));
    }

    // Bug 3. An opaque function that takes a whole block, f(z; w), changes when w moves element by element,
    // but the kernel's shift B[e…] → B[e…] + t·β only rewrites symbols with as many indices as the key:
    // a key w[d,h] never reaches the bare w inside f(z; w), so the derivative of f along β is taken as 0.
    // β[w[d,h]] = w[d,h], β[sigma2] = −sigma2 is then accepted although η₁ = f_d(z; w)/σ² gives
    // η₁ − Jβ = −Σ_{d',h'} ∂f_d/∂w[d',h']·w[d',h']/σ² = −f_d/σ² ≠ 0 for the spec's f = Σ_h w[d,h] tanh z_h.
    // The same direction keyed as the whole block (β[w] = w) is rejected with exactly that residual.
    [Fact]
    public void An_elementwise_direction_of_a_block_inside_an_opaque_function_is_not_ignored()
    {
        var whole = CheckForged("gaussian-decoder.model", All(Theta("x", "w", "sigma2"), Set("x", "w", "w")));
        Assert.False(whole.Accepted);
        var elementwise = CheckForged("gaussian-decoder.model", All(Theta("x", "w", "sigma2"), Set("x", "w[d,h]", "w[d,h]")));
        Assert.False(elementwise.Accepted, "β[w[d,h]] = w[d,h] was accepted for x ~ Normal(f(z; w), sigma2), as if f did not depend on w");
    }

    // The concrete kernel has the same gap (SparseGradient sees no w[1,1] inside f(z; w)).
    [Fact]
    public void The_concrete_kernel_does_not_ignore_an_elementwise_direction_inside_an_opaque_function_either()
    {
        var model = TemplateCatalog.Model("gaussian-decoder.model");
        var concrete = TemplateCatalog.Check("gaussian-decoder.model").Result.Certificate!;
        var x = concrete.Groups.Single(g => g.Factors.Contains("x"));
        var coefficients = x.Coefficients.ToDictionary();
        foreach (var element in model.Parameter("w").FreeElements) coefficients[element] = element;
        var forged = new Certificate(concrete.Groups.Replace(x, x with { Theta = ["w", "sigma2"], Coefficients = coefficients }));
        Assert.False(CertificateKernel.Check(model, forged).Accepted, "β[w[i,j]] = w[i,j] was accepted by the concrete kernel");
    }

    // Bug 4 (a rejection of a true certificate). Σ is symmetric, so β[Sigma[c,d,d2]] = −Sigma[c,d2,d]
    // (β_Σ = −Σᵀ) is the same coefficient as −Sigma[c,d,d2]; the concrete model even stores one free
    // element per pair. The template kernel insists on the literal form s·Sigma[c,d,d2] (TemplateKernel.Directions)
    // and rejects it: "is not a multiple of Sigma[c,d,d2]".
    [Fact]
    public void The_transposed_covariance_is_accepted_as_beta_sigma()
    {
        var result = CheckForged("gaussian-mixture.model", Set("x", "Sigma[c,d,d2]", "-Sigma[c,d2,d]"));
        Assert.True(result.Accepted, string.Join("; ", result.Problems));
    }

    // Bug 5. The index names of a template certificate are the sizes in lower case (TemplateSolver.IndexName),
    // avoiding the spec's names but not the expression language's constants: a size E gives the key
    // lambda[e], a size PI the key lambda[pi], and reading the certificate back (verify) parses e as
    // Euler's number and pi as π. check --json then writes a certificate that verify rejects:
    // "the key lambda[e] must name each index of lambda (as lambda[e]), not give values".
    [Theory]
    [InlineData("E")]
    [InlineData("PI")]
    public void The_template_certificate_check_writes_for_a_size_named_like_a_constant_is_verified(string size)
    {
        var spec = $"""
            model "A latent plate of size {size}"
            dims {size} = 2, D = 3
            param lambda[{size}] positive
            param sigma2 positive
            param W[D, {size}] real
            latent  z[h in {size}] ~ Normal(0, lambda[h])
            observe x[d in D] ~ Normal(sum(h in {size}, W[d, h] * z[h]), sigma2)
            expect satisfied
            """;
        var check = ModelCheck.Run(ModelLoader.FromText("constant-size.model", spec));
        Assert.True(check.AllSizes, check.SizesReason);
        var (read, allSizes) = TemplateCatalog.Read(check.Model, TemplateCatalog.Json(check.TemplateCertificate!));
        Assert.True(allSizes);
        var result = TemplateKernel.Check(check.Model, read);
        Assert.True(result.Accepted, $"the certificate {TemplateCatalog.Json(check.TemplateCertificate!)} read back: {string.Join("; ", result.Problems)}");
    }

    // Bug 6 (symbolic core). d/dx Σ_h f(h) is computed as Σ_h ∂f(h)/∂x, and ∂z[#1]/∂z[3] is 0 because the
    // symbols differ — but z[#1] is z[3] for the term h = 3. So d/dz[3] Σ_{h=1}^{H} z[h]² is 0, while at
    // H = 3 the same derivative is 2·z[3]. The template kernel differentiates only along its own t, so
    // its proofs do not hit this; Differentiator and SparseGradient are public and answer wrongly.
    [Fact]
    public void The_derivative_of_a_symbolic_sum_by_an_element_it_ranges_over_is_not_zero()
    {
        var h = Symbol.Of("h");
        var sum = IndexedSum.Of(h, Symbol.Of("H"), Power.Of(Symbol.Of("z", h), 2));
        var derivative = Differentiator.Differentiate(sum, Symbol.Of("z", 3));
        var expanded = Differentiator.Differentiate(Substitution.Substitute(sum, Symbol.Of("H"), Number.Of(3)), Symbol.Of("z", 3));
        Assert.Equal(2 * Symbol.Of("z", 3), expanded);
        Assert.False(derivative.IsZero, "d/dz[3] Σ_h z[h]^2 = 0");
    }

    // Lifting needs a generic element whose index values tell its axes apart. At C = D = 2 no element of
    // Sigma[C, D, D] has three distinct indices, and the first candidate, Sigma[1,2,2], generalised to
    // −Sigma[c,d,d]; the next candidates are tried, and Sigma[2,1,2] gives −Sigma[c,d,d2].
    [Fact]
    public void The_mixture_at_the_smallest_sizes_lifts_to_a_template()
    {
        var check = ModelCheck.Run(ModelLoader.Load(RepositoryPaths.Catalog("gaussian-mixture.model"), new Dictionary<string, int> { ["C"] = 2, ["D"] = 2 }));
        Assert.True(check.AllSizes, check.SizesReason);
    }
}
