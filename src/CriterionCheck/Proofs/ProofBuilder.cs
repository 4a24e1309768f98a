using System.Collections.Immutable;
using System.Globalization;
using CriterionCheck.Criterion;
using CriterionCheck.EntropySum;
using CriterionCheck.Kernel;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Calculus;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Printing;
using CriterionCheck.Verification;

namespace CriterionCheck.Proofs;

/// <summary>
/// Writes the proof for a checked spec in the style of the paper's proofs: the model, its
/// exponential-family form, the Jacobians, α and β with θ, the kernel's check, the theorem applied and
/// the resulting entropy sum — or, for a violated criterion, the witness and what it shows.
/// </summary>
public static class ProofBuilder
{
    /// <summary>Entries listed before "… and n more".</summary>
    public const int Shown = 6;

    /// <summary>The proof document for <paramref name="check"/>.</summary>
    public static ProofDocument Build(ModelCheck check)
    {
        var model = check.Model;
        var formula = EntropySumBuilder.Build(check);
        var blocks = new List<ProofBlock>();
        Model(model, blocks);
        ExponentialFamilyForm(model, blocks);
        if (formula is not null) Satisfied(check, formula, blocks);
        else NotSatisfied(check, blocks);
        var title = formula is not null ? $"{model.Title}: the ELBO is an entropy sum at stationary points"
            : $"{model.Title}: the parameterization criterion is {Name(check.Verdict)}";
        return new ProofDocument(title, [.. blocks]);
    }

    private static void Model(Model model, List<ProofBlock> blocks)
    {
        blocks.Add(new Heading("The model"));
        blocks.Add(new Paragraph($"Spec file `{model.SourceName}`, with sizes {string.Join(", ", model.Dimensions.Select(d => $"${LatexPrinter.Name(d.Name)} = {d.Size}$"))}. " +
            "The factors, in dependency order, and the parameters:"));
        blocks.Add(new BulletList([
            .. model.Factors.Select(f => $"`{f.Declaration} ~ {f.Distribution}` ({Role(f.Role)})"),
            .. model.Parameters.Select(p => $"`{p.Declaration}` {p.Domain.ToString().ToLowerInvariant()}"),
        ]));
    }

    private static void ExponentialFamilyForm(Model model, List<ProofBlock> blocks)
    {
        blocks.Add(new Heading("Exponential-family form"));
        blocks.Add(new Paragraph("Each factor is an exponential-family distribution $p(v) = h(v)\\exp(\\eta^{\\mathrm{T}} T(v) - A(\\eta))$ " +
            "whose natural parameters $\\eta$ depend on the parameters and on the factor's parents:"));
        foreach (var f in model.Factors)
        {
            var family = f.Family;
            var statistics = string.Join(", ", family.Statistics.Select(LatexPrinter.Print));
            var constant = family.HasConstantBaseMeasure ? "constant" : "not constant";
            blocks.Add(new Paragraph($"`{f.Declaration} ~ {f.Distribution}`: {family.Name}, $T = ({statistics})$, " +
                $"$A(\\eta) = {LatexPrinter.Print(family.LogPartition)}$, $\\log h = {LatexPrinter.Print(family.LogBaseMeasure)}$ ({constant}). Natural parameters:"));
            var lines = f.Elements.Take(Shown).SelectMany(e => e.NaturalParameters.Select((eta, k) =>
                $"\\eta_{{{k + 1}}}({Element(f, e)}) &= {LatexPrinter.Print(eta)}")).ToList();
            blocks.Add(new Display([.. lines]));
            if (f.Elements.Length > Shown) blocks.Add(new Paragraph($"… and {f.Elements.Length - Shown} more elements of the same form."));
        }
    }

    private static void Satisfied(ModelCheck check, EntropySumFormula formula, List<ProofBlock> blocks)
    {
        var model = check.Model;
        blocks.Add(new Heading("The parameterization criterion"));
        blocks.Add(new Paragraph("Condition A asks for $\\zeta(\\Psi) = \\frac{\\partial\\zeta}{\\partial\\Psi^{\\mathrm{T}}}\\alpha(\\Psi)$ for the prior; " +
            "condition B for $\\eta(z;\\Theta) = \\frac{\\partial\\eta}{\\partial\\theta^{\\mathrm{T}}}\\beta(\\Theta)$ with $\\beta$ free of the latents, " +
            "for every value of the latents. Factors that share parameters are solved jointly."));
        foreach (var group in check.Result.Groups)
        {
            var certificate = group.Certificate!;
            var letter = group.Factors.All(f => model.Factors.Single(x => x.Variable == f).Role == FactorRole.Prior) ? "\\alpha" : "\\beta";
            var rows = NaturalRow.Of(model, group.Factors);
            var columns = rows.SelectMany(r => r.Symbols).Where(s => certificate.Theta.Contains(s.Name)).ToHashSet();
            var gradients = rows.Select(r => (Row: r, Gradient: SparseGradient.Of(r.Eta, columns))).ToList();
            blocks.Add(new Paragraph($"Factors {string.Join(", ", group.Factors.Select(f => $"`{f}`"))}: with $\\theta = \\{{{string.Join(", ", certificate.Theta.Select(LatexPrinter.Name))}\\}}$ " +
                $"the Jacobian has {rows.Count} rows, {columns.Count} columns and {gradients.Sum(g => g.Gradient.Count)} nonzero entries" +
                (rows.Count * columns.Count <= 24 ? ":" : $"; its first nonzero entries are:")));
            var entries = gradients.SelectMany(g => g.Gradient.OrderBy(e => e.Key, ExprOrder.Instance).Select(e =>
                $"\\frac{{\\partial \\eta_{{{g.Row.Natural + 1}}}({RowLabel(model, g.Row)})}}{{\\partial {LatexPrinter.Print(e.Key)}}} &= {LatexPrinter.Print(e.Value)}")).ToList();
            blocks.Add(new Display([.. entries.Take(rows.Count * columns.Count <= 24 ? 24 : Shown)]));
            var coefficients = certificate.Coefficients.OrderBy(c => c.Key, ExprOrder.Instance).ToList();
            blocks.Add(new Paragraph($"The coefficients (found by {group.Route}; elements of $\\theta$ not listed have coefficient 0):"));
            blocks.Add(new Display([.. coefficients.Take(Shown).Select(c => $"{letter}_{{{LatexPrinter.Print(c.Key)}}} &= {LatexPrinter.Print(c.Value)}")]));
            if (coefficients.Count > Shown) blocks.Add(new Paragraph($"… and {coefficients.Count - Shown} more, of the same form."));
        }
        var kernel = check.Kernel!; // the re-check ModelCheck already ran: a satisfied verdict stands only with it
        blocks.Add(new Heading("Independent check"));
        blocks.Add(new Paragraph($"The kernel re-derived every Jacobian from the model alone, substituted the coefficients and proved $\\eta - J\\beta = 0$ " +
            $"(and $\\zeta - J\\alpha = 0$) identically, in exact arithmetic, on the declared parameter domains and latent supports — {kernel.Proofs.Describe()}. " +
            "Nothing was accepted on evidence from sampling. It also checked that the coefficients depend on no latent variable and are defined on the whole parameter domain, " +
            $"that every factor is covered once and that factors sharing a parameter are solved jointly. Result: {(kernel.Accepted ? "accepted" : "rejected")}."));
        blocks.Add(new Heading($"Theorem {formula.Theorem}"));
        blocks.Add(new Paragraph(formula.Theorem == 1
            ? "All base measures are constant, so Theorem 1 of Lücke and Warnken (2024) applies: multiplying the stationarity conditions of the ELBO with respect to $\\theta$ by $\\beta$ (and with respect to $\\Psi$ by $\\alpha$) gives $\\mathbb{E}[\\eta^{\\mathrm{T}}(T - \\nabla A(\\eta))] = 0$ for every factor, hence each expected log-density equals minus an expected entropy."
            : "A base measure is not constant, so Theorem 2 of Lücke and Warnken (2024) applies: the same argument gives $\\mathbb{E}[\\log p(v \\mid \\mathrm{pa})] = \\mathbb{E}[\\log h(v)] - \\mathbb{E}[\\tilde{\\mathcal{H}}]$ with the pseudo-entropy $\\tilde{\\mathcal{H}} = A(\\eta) - \\eta^{\\mathrm{T}}\\nabla A(\\eta)$; the objective $\\tilde{\\mathcal{F}} = \\mathcal{F} - \\frac{1}{N}\\sum_n \\log h(x^{(n)})$ (paper Eq. 49) is the sum of pseudo-entropies, and $\\mathcal{L}(\\Theta) \\geq \\mathcal{F}$."));
        blocks.Add(new Paragraph($"Only stationarity with respect to {string.Join(", ", formula.StationaryIn.Select(p => $"${LatexPrinter.Name(p)}$"))} is used: " +
            $"the identity holds {formula.Statement.Replace("F is", "$\\mathcal{F}$ is", StringComparison.Ordinal)}, whatever the other parameters and the variational distributions are."));
        blocks.Add(new Heading("Result"));
        var lines = FormulaNotation.LatexLines(formula, exact: true);
        blocks.Add(new Display([.. lines]));
        if (formula.ExactPosterior is not null)
            blocks.Add(new Paragraph("The last lines hold with exact posteriors $q^{(n)}_\\Phi(z) = p_\\Theta(z \\mid x^{(n)})$, whose covariance $(\\Lambda^{-1} + W^{\\mathrm{T}}\\Psi^{-1}W)^{-1}$ is the same for every data point; then the ELBO is the log-likelihood."));
        blocks.Add(new Paragraph("$\\square$"));
    }

    private static void NotSatisfied(ModelCheck check, List<ProofBlock> blocks)
    {
        var model = check.Model;
        blocks.Add(new Heading(check.Verdict == Verdict.Violated ? "The criterion fails" : "The criterion is undecided"));
        if (check.Reason is not null) blocks.Add(new Paragraph($"The verdict is {Name(check.Verdict)}: {check.Reason}."));
        foreach (var witness in check.Result.Groups.Select(g => g.Witness).OfType<Witness>())
        {
            blocks.Add(new Paragraph($"Factors {string.Join(", ", witness.Factors.Select(f => $"`{f}`"))}: {witness.Reason}. " +
                "A witness is a parameter point, latent points and weights $y$ over rows of the stacked system $\\eta = J\\beta$ with $y^{\\mathrm{T}}J = 0$ and $y^{\\mathrm{T}}\\eta \\neq 0$: " +
                "multiplying the system by $y^{\\mathrm{T}}$ gives $0 \\neq y^{\\mathrm{T}}\\eta = y^{\\mathrm{T}}J\\beta = 0$ for every $\\beta$, so no coefficients exist."));
            // Latent points with more than a few values (or with an opaque function's values) are listed once.
            var listed = witness.LatentPoints.Any(p => p.Count > 4 || p.Keys.Any(k => k is OpaqueCall));
            if (listed)
            {
                blocks.Add(new Paragraph("The latent points (an opaque function's values and derivatives at distinct points are free, so these are a possible function's):"));
                blocks.Add(new Display([.. witness.Rows.Select(r => r.LatentPoint).Distinct().Order().Take(Shown).Select(p =>
                    $"\\text{{point {p + 1}}}: &\\; " + string.Join(", ", witness.LatentPoints[p].OrderBy(v => v.Key is OpaqueCall ? 1 : 0).ThenBy(v => v.Key, ExprOrder.Instance)
                        .Take(Shown).Select(v => $"{LatexPrinter.Print(v.Key)} = {LatexPrinter.Print(v.Value)}")))]));
            }
            // The parameter values the rows' natural parameters use (a block inside an opaque function has none).
            var parameters = witness.Rows.SelectMany(r => model.Factors.Single(f => f.Variable == r.Factor).Elements[r.Element].NaturalParameters[r.Natural].Symbols())
                .Where(witness.Parameters.ContainsKey).Distinct().OrderBy(p => p, ExprOrder.Instance).Select(p => (Key: p, Value: witness.Parameters[p])).ToList();
            blocks.Add(new Paragraph(parameters.Count == 0 ? "The weighted rows are:"
                : "At " + string.Join(", ", parameters.Take(Shown).Select(p => $"${LatexPrinter.Print(p.Key)} = {LatexPrinter.Print(p.Value)}$")) +
                  (parameters.Count > Shown ? $" and {parameters.Count - Shown} more parameter values" : "") + ", the weighted rows are:"));
            var rows = witness.Rows.Take(Shown).Select(r =>
            {
                var factor = model.Factors.Single(f => f.Variable == r.Factor);
                var point = witness.LatentPoints[r.LatentPoint];
                var at = listed ? $" \\text{{ at point {r.LatentPoint + 1}}}"
                    : point.Count > 0 ? " \\text{ at } " + string.Join(", ", point.OrderBy(p => p.Key, ExprOrder.Instance).Select(p => $"{LatexPrinter.Print(p.Key)} = {LatexPrinter.Print(p.Value)}")) : "";
                return $"y &= {LatexPrinter.Print(r.Weight)} \\text{{ on }} \\eta_{{{r.Natural + 1}}}({Element(factor, factor.Elements[r.Element])}){at}";
            }).ToList();
            blocks.Add(new Display([.. rows]));
            if (witness.Rows.Length > Shown) blocks.Add(new Paragraph($"… and {witness.Rows.Length - Shown} more rows."));
        }
        if (check.Kernel is { } kernel)
            blocks.Add(new Paragraph($"The kernel re-evaluated $y^{{\\mathrm{{T}}}}J$ in every parameter column and $y^{{\\mathrm{{T}}}}\\eta$ from the model alone, in exact arithmetic, " +
                $"after checking that the parameter point lies inside the declared domains and the latent points on their supports: " +
                (kernel.Accepted ? (kernel.Proofs.Total == 0 ? "the rows depend on no parameter, and" : kernel.Proofs.Total == 1 ? "$y^{\\mathrm{T}}J = 0$ in the one parameter column and" : $"$y^{{\\mathrm{{T}}}}J = 0$ in all {kernel.Proofs.Total} parameter columns and") + $" {kernel.Evidence?.Replace("yᵀη", "$y^{\\mathrm{T}}\\eta$", StringComparison.Ordinal)}; accepted."
                    : "rejected: " + string.Join("; ", kernel.Problems) + ".")));
        blocks.Add(new Paragraph("Theorems 1 and 2 therefore do not apply, and no entropy-sum form of the ELBO follows from them."));
    }

    private static string Element(Factor factor, FactorElement element) =>
        element.PlateIndices.IsEmpty ? LatexPrinter.Name(factor.Variable) : $"{LatexPrinter.Name(factor.Variable)}_{{{string.Join(",", element.PlateIndices)}}}";

    private static string RowLabel(Model model, NaturalRow row)
    {
        var factor = model.Factors.Single(f => f.Variable == row.Factor);
        return Element(factor, factor.Elements[row.Element]) + string.Concat(row.Categorical.Select(c => $", {LatexPrinter.Print(c.Key)} = {c.Value}"));
    }


    private static string Name(Verdict verdict) => verdict.ToString().ToLowerInvariant();

    private static string Role(FactorRole role) => role switch { FactorRole.Prior => "prior", FactorRole.Latent => "latent layer", _ => "observable" };
}
