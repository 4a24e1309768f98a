using System.Collections.Immutable;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Calculus;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;
using MathNet.Numerics.LinearAlgebra;

namespace CriterionCheck.EntropySum;

/// <summary>
/// The closed form with exact posteriors for a linear-Gaussian model — prior z_h ~ N(m_h, λ_h), observable
/// x_d ~ N(Σ_h W_dh z_h + μ_d, ψ_d) with m, λ, W, μ, ψ free of the latents (p-PCA, factor analysis, …).
/// The posterior covariance (Λ⁻¹ + WᵀΨ⁻¹W)⁻¹ is the same for every data point, so
/// H[p(z|x)] − H[p(z)] = −½ log det(𝟙 + Λ Wᵀ Ψ⁻¹ W), and at stationary points the log-likelihood is
/// ℒ(Θ) = −½ log det(𝟙 + Λ Wᵀ Ψ⁻¹ W) − Σ_d ½ log(2πe ψ_d).
/// </summary>
/// <param name="Latent">The latent's variable name.</param>
/// <param name="Observable">The observable's variable name.</param>
/// <param name="PriorVariances">λ_h, one per latent element.</param>
/// <param name="Loadings">W_dh = ∂(mean of x_d)/∂z_h, rows by observable element.</param>
/// <param name="NoiseVariances">ψ_d, one per observable element.</param>
/// <param name="NoiseEntropy">How Σ_d ½ log(2πe ψ_d) is shown.</param>
public sealed record LinearGaussianForm(string Latent, string Observable, ImmutableArray<Expr> PriorVariances,
    ImmutableArray<ImmutableArray<Expr>> Loadings, ImmutableArray<Expr> NoiseVariances, DisplayExpression NoiseEntropy)
{
    /// <summary>The form for <paramref name="model"/>, or null when it is not linear-Gaussian.</summary>
    public static LinearGaussianForm? Detect(Model model, DisplayExpression noiseEntropy)
    {
        if (model.Factors.Length != 2) return null;
        var (prior, observable) = (model.Factors[0], model.Factors[1]);
        if (prior.Family.Name != "Normal" || observable.Family.Name != "Normal" || observable.Role != FactorRole.Observable) return null;
        var latents = prior.Elements.Select(e => e.Variable[0]).ToList();
        var latentSet = latents.ToHashSet();
        bool Free(Expr e) => !e.Symbols().Any(s => s.Name == prior.Variable) && !HasOpaque(e);
        if (!prior.Elements.All(e => Free(e.Arguments[0]) && Free(e.Arguments[1]))) return null;
        var loadings = new List<ImmutableArray<Expr>>();
        foreach (var element in observable.Elements)
        {
            var (mean, variance) = (element.Arguments[0], element.Arguments[1]);
            if (!Free(variance) || HasOpaque(mean)) return null;
            var gradient = SparseGradient.Of(mean, latentSet);
            if (gradient.Values.Any(g => !Free(g))) return null; // not linear in the latents
            loadings.Add([.. latents.Select(z => gradient.GetValueOrDefault(z, Number.Zero))]);
        }
        return new LinearGaussianForm(prior.Variable, observable.Variable, [.. prior.Elements.Select(e => e.Arguments[1])], [.. loadings],
            [.. observable.Elements.Select(e => e.Arguments[1])], noiseEntropy);
    }

    /// <summary>ℒ(Θ) at the parameter values <paramref name="parameters"/>, by a Cholesky factorisation.</summary>
    public double Evaluate(IReadOnlyDictionary<Expr, double> parameters)
    {
        var h = PriorVariances.Length;
        var lambda = PriorVariances.Select(v => Evaluator.Evaluate(v, parameters)).ToArray();
        var psi = NoiseVariances.Select(v => Evaluator.Evaluate(v, parameters)).ToArray();
        var w = Matrix<double>.Build.Dense(Loadings.Length, h, (d, k) => Evaluator.Evaluate(Loadings[d][k], parameters));
        // 𝟙 + Λ^½ WᵀΨ⁻¹W Λ^½ is symmetric positive definite with the same determinant as 𝟙 + Λ WᵀΨ⁻¹W.
        var scaled = Matrix<double>.Build.Dense(Loadings.Length, h, (d, k) => w[d, k] * Math.Sqrt(lambda[k] / psi[d]));
        var m = Matrix<double>.Build.DenseIdentity(h) + scaled.TransposeThisAndMultiply(scaled);
        var logDet = h == 0 ? 0 : m.Cholesky().DeterminantLn;
        return -0.5 * logDet - psi.Sum(v => 0.5 * Math.Log(2 * Math.PI * Math.E * v));
    }

    /// <summary>The closed form as text.</summary>
    public string Text() =>
        $"L(Theta) = -1/2*log(det(I + Lambda*W^T*Psi^-1*W)) - {Paren(NoiseEntropy, NoiseEntropy.Text())}";

    /// <summary>The closed form as LaTeX.</summary>
    public string Latex() =>
        $"\\mathcal{{L}}(\\Theta) = -\\frac{{1}}{{2}}\\log\\det\\left(\\mathbb{{1}} + \\Lambda W^{{\\mathrm{{T}}}} \\Psi^{{-1}} W\\right) - {(NoiseEntropy.IsCompound ? $"\\left({NoiseEntropy.Latex()}\\right)" : NoiseEntropy.Latex())}";

    /// <summary>The definitions of Λ, W and Ψ for <paramref name="model"/>, as (name, text, LaTeX) lines.</summary>
    public IEnumerable<(string Name, string Text, string Latex)> Definitions(Model model)
    {
        var prior = model.Factors.Single(f => f.Variable == Latent);
        var observable = model.Factors.Single(f => f.Variable == Observable);
        yield return ("Lambda", "Lambda = " + Diagonal(model, prior, PriorVariances, false), "\\Lambda = " + Diagonal(model, prior, PriorVariances, true));
        yield return ("W", "W = " + LoadingText(model, false), "W = " + LoadingText(model, true));
        yield return ("Psi", "Psi = " + Diagonal(model, observable, NoiseVariances, false), "\\Psi = " + Diagonal(model, observable, NoiseVariances, true));
    }

    private static string Diagonal(Model model, Factor factor, IReadOnlyList<Expr> values, bool latex)
    {
        var size = factor.Plates.FirstOrDefault()?.Dimension.Name ?? values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return PlateGeneralization.Element(model, factor, values) switch
        {
            (null, var body) => latex ? $"{Symbolics.Printing.LatexPrinter.Print(body)}\\,\\mathbb{{1}}_{{{size}}}" : $"{body}*I[{size}]",
            ({ } plate, var body) => latex
                ? $"\\operatorname{{diag}}\\left({Symbolics.Printing.LatexPrinter.Print(body)}\\right)_{{{Symbolics.Printing.LatexPrinter.Name(plate.Index)}=1}}^{{{Symbolics.Printing.LatexPrinter.Name(plate.Dimension)}}}"
                : $"diag({body} for {plate.Index} in {plate.Dimension})",
            null => latex ? $"\\operatorname{{diag}}({string.Join(", ", values.Select(Symbolics.Printing.LatexPrinter.Print))})" : $"diag({string.Join(", ", values)})",
        };
    }

    // W_dh = ∂ mean_d / ∂ z_h: named after the parameter block when it is exactly that block's entries.
    private string LoadingText(Model model, bool latex)
    {
        var names = Loadings.SelectMany(r => r).OfType<Symbol>().Select(s => s.Name).Distinct().ToList();
        var exact = names.Count == 1 && Loadings.Select((row, d) => row.Select((w, h) => w.Equals(Symbol.Of(names[0], d + 1, h + 1))).All(b => b)).All(b => b);
        if (exact) return latex ? $"\\left({Symbolics.Printing.LatexPrinter.Name(names[0])}_{{dh}}\\right)" : $"({names[0]}[d, h])";
        var rows = Loadings.Select(r => string.Join(latex ? " & " : ", ", r.Select(w => latex ? Symbolics.Printing.LatexPrinter.Print(w) : w.ToString())));
        return latex ? $"\\begin{{pmatrix}}{string.Join(" \\\\ ", rows)}\\end{{pmatrix}}" : $"[{string.Join("; ", rows)}]";
    }

    private static string Paren(DisplayExpression d, string text) => d.IsCompound ? $"({text})" : text;

    private static bool HasOpaque(Expr e) => e is OpaqueCall || e.Children.Any(HasOpaque);
}
