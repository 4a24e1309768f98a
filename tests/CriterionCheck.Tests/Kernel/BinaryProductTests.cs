using System.Collections.Immutable;
using CriterionCheck.Criterion;
using CriterionCheck.Kernel;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Parsing;
using CriterionCheck.Tests.Kernel.Tampering;
using CriterionCheck.Verification;

namespace CriterionCheck.Tests.Kernel;

/// <summary>
/// An unweighted product z₁⋯z_k of binary latents in the observable's natural parameter, b + z₁⋯z_k, is not
/// in the span of ∂η/∂b = 1: the criterion fails for every k, although the product vanishes on all but one
/// of the 2^k latent assignments. The verdict is violated with a witness the kernel accepts, and the
/// certificate β_b = b is rejected — even for k = 16, where enumerating 65,536 assignments is beyond the
/// kernel's limit and only a proof could accept it. With a weight, b + a·z₁⋯z_k, β = (a, b) is a proof.
/// </summary>
public class BinaryProductTests
{
    public static TheoryData<int, string> Sizes()
    {
        var data = new TheoryData<int, string>();
        foreach (var k in new[] { 2, 3, 5, 8, 12, 16 })
            foreach (var observable in new[] { "Bernoulli", "Poisson", "Binomial" }) data.Add(k, observable);
        return data;
    }

    /// <summary>The binary-product spec with <paramref name="k"/> latents, optionally weighted by a[d].</summary>
    public static string Spec(int k, string observable, bool weighted)
    {
        var product = string.Join("*", Enumerable.Range(1, k).Select(h => $"z[{h}]"));
        var linear = weighted ? $"b[d] + a[d]*{product}" : $"b[d] + {product}";
        var distribution = observable switch
        {
            "Bernoulli" => $"Bernoulli(sigmoid({linear}))",
            "Poisson" => $"Poisson(exp({linear}))",
            "Binomial" => $"Binomial(5, sigmoid({linear}))",
            _ => throw new ArgumentException(observable),
        };
        return $"""
            model "binary product"
            dims H = {k}, D = 1
            param pi[H] unit
            param b[D] real
            {(weighted ? "param a[D] real" : "")}
            latent z[h in H] ~ Bernoulli(pi[h])
            observe x[d in D] ~ {distribution}
            expect {(weighted ? "satisfied" : "violated")}

            """;
    }

    private static Model Load(int k, string observable, bool weighted) =>
        ModelLoader.FromText($"binary-product-{k}-{observable}{(weighted ? "-weighted" : "")}.model", Spec(k, observable, weighted));

    // α for the prior, written by hand: π(1 − π) logit π per element.
    private static FactorCertificate Prior(Model model) => new(["z"], ["pi"],
        model.Parameter("pi").FreeElements.ToDictionary(p => (Expr)p, p => (Expr)(p * (Number.One - p) * FunctionCall.Logit(p))));

    private static FactorCertificate Observable(params (string Block, Expr Coefficient)[] coefficients) =>
        new(["x"], [.. coefficients.Select(c => c.Block)], coefficients.ToDictionary(c => (Expr)Symbol.Of(c.Block, 1), c => c.Coefficient));

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Unweighted_product_is_violated_with_a_witness_the_kernel_accepts(int k, string observable)
    {
        var model = Load(k, observable, weighted: false);
        var check = ModelCheck.Run(model);
        Assert.Equal(Verdict.Violated, check.Verdict);
        Assert.True(check.KernelAccepted, string.Join("; ", check.KernelProblems));
        var witness = check.Result.Witness!;
        Assert.True(CertificateKernel.Check(model, witness).Accepted);
        var (_, fromFile) = CertificateJson.Read(model, new SourceText("witness.json", GenuineEvidence.Serialize(model, null, witness)));
        Assert.True(CertificateKernel.Check(model, fromFile!).Accepted);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Unweighted_product_rejects_the_certificate_beta_b_equals_b(int k, string observable)
    {
        var model = Load(k, observable, weighted: false);
        var prior = Prior(model);
        Assert.True(CertificateKernel.CheckGroup(model, prior).Accepted);
        var result = CertificateKernel.Check(model, new Certificate([prior, Observable(("b", Symbol.Of("b", 1)))]));
        Assert.False(result.Accepted);
        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("x[1], natural parameter 1: η − Jβ = z[1]*z[2]", problem, StringComparison.Ordinal);
        Assert.Contains("is not proved zero", problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Weighted_product_is_satisfied_with_beta_a_b(int k, string observable)
    {
        var model = Load(k, observable, weighted: true);
        var check = ModelCheck.Run(model);
        Assert.Equal(Verdict.Satisfied, check.Verdict);
        Assert.True(check.KernelAccepted, string.Join("; ", check.KernelProblems));
        Assert.Equal(k + 1, check.Kernel!.Proofs.Total);

        var handMade = new Certificate([Prior(model), Observable(("a", Symbol.Of("a", 1)), ("b", Symbol.Of("b", 1)))]);
        var result = CertificateKernel.Check(model, handMade);
        Assert.True(result.Accepted, string.Join("; ", result.Problems));
        Assert.Equal(k + 1, result.Proofs.Total);
        // Without a's coefficient the product is left over.
        Assert.False(CertificateKernel.Check(model, new Certificate([Prior(model), Observable(("a", Number.Zero), ("b", Symbol.Of("b", 1)))])).Accepted);
    }
}
