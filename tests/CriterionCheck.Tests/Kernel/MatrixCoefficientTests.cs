using CriterionCheck.Kernel;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Verification;

namespace CriterionCheck.Tests.Kernel;

/// <summary>
/// The Gaussian mixture at D = 3 is proved through Σ⁻¹ kept whole, by reducing modulo Σ⁻¹Σ = I. The
/// kernel accepts the genuine β_Σ = −Σ; it refuses β_Σ = −2Σ (Jβ = 2η) and a coefficient that equals −Σ
/// only where Σ is invertible (it holds an inverse entry, whose definedness interval bounds cannot show).
/// </summary>
public class MatrixCoefficientTests
{
    private static readonly ModelCheck Mixture = ModelCheck.Run(ModelLoader.Load(RepositoryPaths.Catalog("gaussian-mixture.model")));

    private static Certificate WithSigma(Func<Symbol, Expr> coefficient) =>
        new([.. Mixture.Result.Certificate!.Groups.Select(g => !g.Theta.Contains("Sigma") ? g : g with
        {
            Coefficients = g.Coefficients.ToDictionary(p => p.Key, p => ((Symbol)p.Key).Name == "Sigma" ? coefficient((Symbol)p.Key) : p.Value),
        })]);

    [Fact]
    public void The_genuine_certificate_is_proved_modulo_the_inverse_identity()
    {
        var result = CertificateKernel.Check(Mixture.Model, Mixture.Result.Certificate!);
        Assert.True(result.Accepted, string.Join("; ", result.Problems));
        Assert.Equal(27, result.Proofs.InverseReduction);
    }

    [Fact]
    public void Twice_the_covariance_is_refused()
    {
        var result = CertificateKernel.Check(Mixture.Model, WithSigma(s => -2 * s));
        Assert.False(result.Accepted);
        Assert.Contains(result.Problems, p => p.Contains("not proved zero"));
    }

    [Fact]
    public void A_coefficient_through_an_inverse_entry_is_refused_as_possibly_undefined()
    {
        // −Σ_11 + (Σ⁻¹Σ)_11 − 1 is −Σ_11 wherever Σ is invertible.
        var result = CertificateKernel.Check(Mixture.Model, WithSigma(s =>
        {
            if (!s.Indices.Skip(1).SequenceEqual([Number.One, Number.One])) return -s;
            var c = s.Indices[0];
            var sigma = new List<Expr>();
            for (var i = 1; i <= 3; i++)
                for (var j = 1; j <= 3; j++)
                    sigma.Add(Symbol.Of("Sigma", c, Number.Of(Math.Min(i, j)), Number.Of(Math.Max(i, j))));
            var product = Sum.Of(Enumerable.Range(0, 3).Select(k => MatrixFunction.Inverse(sigma, 0, k) * sigma[k * 3]));
            return -s + product - 1;
        }));
        Assert.False(result.Accepted);
        Assert.Contains(result.Problems, p => p.Contains("may be singular"));
    }
}
