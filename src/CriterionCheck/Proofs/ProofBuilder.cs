using System.Collections.Immutable;
using System.Globalization;
using CriterionCheck.Criterion;
using CriterionCheck.EntropySum;
using CriterionCheck.Kernel;
using CriterionCheck.Models;
using CriterionCheck.Presentation;
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
    /// <summary>The proof document for <paramref name="check"/>.</summary>
    public static ProofDocument Build(ModelCheck check)
    {
        var model = check.Model;
        var view = CriterionView.Of(check);
        var formula = EntropySumBuilder.Build(check);
        var blocks = new List<ProofBlock>();
        Model(check, view, blocks);
        ExponentialFamilyForm(view, blocks);
        if (formula is not null) Satisfied(check, view, formula, blocks);
        else NotSatisfied(check, view, blocks);
        var title = formula is not null ? $"{model.Title}: the ELBO is an entropy sum at stationary points"
            : $"{model.Title}: the parameterization criterion is {Name(check.Verdict)}";
        return new ProofDocument(title, [.. blocks]);
    }

    private static string Sizes(IEnumerable<Dimension> sizes) => string.Join(", ", sizes.Select(d => $"${LatexPrinter.Name(d.Name)} = {d.Size}$"));

    private static void Model(ModelCheck check, CriterionView view, List<ProofBlock> blocks)
    {
        var model = check.Model;
        blocks.Add(new Heading("The model"));
        var sizes = model.Dimensions.IsEmpty ? "" : view.ForEverySize
            ? $", for every size {string.Join(", ", model.Dimensions.Select(d => $"${LatexPrinter.Name(d.Name)}$"))} (the concrete check at {Sizes(model.Dimensions)} agrees" +
              (check.RequestedSizes.IsEmpty ? ")" : $"; the sizes asked for, {Sizes(check.RequestedSizes)}, are covered)")
            : $", with sizes {Sizes(model.Dimensions)}";
        blocks.Add(new Paragraph($"Spec file `{model.SourceName}`{sizes}. The factors, in dependency order, and the parameters:"));
        blocks.Add(new BulletList([
            .. model.Factors.Select(f => $"`{f.Declaration} ~ {f.Distribution}` ({Role(f.Role)})"),
            .. model.Parameters.Select(p => $"`{p.Declaration}` {p.Domain.ToString().ToLowerInvariant()}"),
        ]));
    }

    private static void ExponentialFamilyForm(CriterionView view, List<ProofBlock> blocks)
    {
        blocks.Add(new Heading("Exponential-family form"));
        blocks.Add(new Paragraph("Each factor is an exponential-family distribution $p(v) = h(v)\\exp(\\eta^{\\mathrm{T}} T(v) - A(\\eta))$ " +
            "whose natural parameters $\\eta$ depend on the parameters and on the factor's parents:"));
        foreach (var factor in view.Groups.SelectMany(g => g.FactorViews).OrderBy(f => view.Check.Model.Factors.IndexOf(f.Factor)))
        {
            var f = factor.Factor;
            var family = f.Family;
            var statistics = string.Join(", ", family.Statistics.Select(LatexPrinter.Print));
            var constant = family.HasConstantBaseMeasure ? "constant" : "not constant";
            var template = factor.Naturals is [{ Element: null }];
            // At every dimension a multivariate normal's statistics and log-partition are matrix expressions.
            var form = template && factor.Naturals[0].Matrices.Length == 2 && f.Axes.FirstOrDefault(a => !a.IsPlate) is { } axis
                ? $"$T = (x, x x^{{\\mathrm{{T}}}})$, $A(\\eta) = -\\frac{{1}}{{4}} \\eta_{{1}}^{{\\mathrm{{T}}}} \\eta_{{2}}^{{-1}} \\eta_{{1}} - \\frac{{1}}{{2}} \\log\\det(-2 \\eta_{{2}})$, " +
                  $"$\\log h = -\\frac{{{LatexPrinter.Name(axis.Dimension.Name)}}}{{2}} \\log(2\\pi)$"
                : $"$T = ({statistics})$, $A(\\eta) = {LatexPrinter.Print(family.LogPartition)}$, $\\log h = {LatexPrinter.Print(family.LogBaseMeasure)}$";
            blocks.Add(new Paragraph($"`{f.Declaration} ~ {f.Distribution}`: {family.Name}, {form} ({constant}). " +
                $"Natural parameters{(template && !factor.Indices.IsEmpty ? ", for every " + Indices(factor) : "")}:"));
            blocks.Add(new Display([.. factor.Naturals.SelectMany(n => Naturals(factor, n))]));
            if (factor.Elements > factor.Naturals.Length && !template)
                blocks.Add(new Paragraph($"… and {factor.Elements - factor.Naturals.Length} more elements of the same form."));
        }
    }

    private static string Indices(FactorView factor) =>
        string.Join(", ", factor.Indices.Select(i => $"${LatexPrinter.Print(i.Index)} = 1, \\dots, {LatexPrinter.Print(i.Upper)}$"));

    // η_2, or η_1(c = C) for the piece of a split template at the last value of its index.
    private static string Eta(FactorView factor, int natural) =>
        $"\\eta_{{{factor.NaturalNumber(natural)}}}" + (factor.NaturalCase(natural) is { } at ? $"({LatexCase(at)})" : "");

    private static string LatexCase(string at) =>
        at.Split(" = ") is [var index, var value] ? $"{LatexPrinter.Name(index)} = {LatexPrinter.Name(value)}" : at;

    private static IEnumerable<string> Naturals(FactorView factor, NaturalView natural)
    {
        var label = natural.Element is { } e ? $"({Element(factor.Factor, e)})" : "";
        for (var k = 0; k < natural.Values.Length; k++) yield return $"{Eta(factor, k)}{label} &= {LatexPrinter.Print(natural.Values[k])}";
        for (var k = 0; k < natural.Matrices.Length; k++) yield return $"\\eta_{{{k + 1}}}{label} &= {natural.Matrices[k].ToLatex()}";
    }

    private static void Satisfied(ModelCheck check, CriterionView view, EntropySumFormula formula, List<ProofBlock> blocks)
    {
        var model = check.Model;
        blocks.Add(new Heading("The parameterization criterion"));
        blocks.Add(new Paragraph("Condition A asks for $\\zeta(\\Psi) = \\frac{\\partial\\zeta}{\\partial\\Psi^{\\mathrm{T}}}\\alpha(\\Psi)$ for the prior; " +
            "condition B for $\\eta(z;\\Theta) = \\frac{\\partial\\eta}{\\partial\\theta^{\\mathrm{T}}}\\beta(\\Theta)$ with $\\beta$ free of the latents, " +
            "for every value of the latents. Factors that share parameters are solved jointly." +
            (view.ForEverySize ? " Every statement below holds for every size; $\\delta$ is the Kronecker delta, and primed indices name any element." : "")));
        foreach (var group in view.Groups)
        {
            var letter = group.Prior ? "\\alpha" : "\\beta";
            var theta = $"$\\theta = \\{{{string.Join(", ", group.Theta.Select(LatexPrinter.Name))}\\}}$";
            if (group.Theta.Length == 0)
            {
                // No parameter to stand in for: J has no columns, so the condition is that η vanishes.
                var names = string.Join(", ", group.FactorViews.Select(f => $"`{f.Factor.Variable}`"));
                blocks.Add(new Paragraph($"Factor{(group.FactorViews.Length == 1 ? "" : "s")} {names}: $\\theta$ is empty, so the Jacobian has no columns, $J{letter} = 0$, " +
                    "and the condition asks that the natural parameters vanish for every value of the latents on their support; the kernel proves it below."));
                continue;
            }
            foreach (var factor in group.FactorViews)
                Jacobian(factor, theta, blocks);
            blocks.Add(new Paragraph($"The coefficients (found by {group.Route}{(group.ForEverySize ? ", for every size" : "")}; elements of $\\theta$ not listed have coefficient 0):"));
            blocks.Add(new Display([.. group.Coefficients.Select(c => $"{letter}_{{{LatexPrinter.Print(c.Key)}}} &= {LatexPrinter.Print(c.Shown)}")]));
            foreach (var c in group.Coefficients.Where(c => c.Abbreviation is not null))
                blocks.Add(new Paragraph($"where ${LatexPrinter.Print(c.Abbreviation!)} = {LatexPrinter.Print(c.Meaning!)}$ is the entropy of ${LatexPrinter.Name(c.Abbreviation!.Indices[0].ToString())}$, its last weight being one minus the others."));
            if (group.CoefficientCount > group.Coefficients.Length) blocks.Add(new Paragraph($"… and {group.CoefficientCount - group.Coefficients.Length} more, of the same form."));
        }
        var kernel = check.Kernel!; // the re-check ModelCheck already ran: a satisfied verdict stands only with it
        blocks.Add(new Heading("Independent check"));
        if (view.ForEverySize)
            blocks.Add(new Paragraph("The kernel proved $\\eta - J\\beta = 0$ (and $\\zeta - J\\alpha = 0$) for every size: it computed $J\\beta$ as the directional derivative " +
                "$\\frac{d}{dt}\\eta(\\Theta + t\\beta)\\big|_{t=0}$ of each template, with sums over a symbolic range kept as sums, and reduced the difference to zero in exact arithmetic " +
                $"on the declared domains and supports — {check.TemplateKernel!.Proofs.Describe()}. " +
                $"At {Sizes(model.Dimensions)} it also re-derived every Jacobian entry by entry and proved each identity there ({kernel.Proofs.Describe()}); the two agree. " +
                "Nothing was accepted on evidence from sampling. It also checked that the coefficients depend on no latent variable and are defined on the whole parameter domain, " +
                $"that every factor is covered once and that factors sharing a parameter are solved jointly. Result: {(kernel.Accepted ? "accepted" : "rejected")}."));
        else
            blocks.Add(new Paragraph($"The kernel re-derived every Jacobian from the model alone, substituted the coefficients and proved $\\eta - J\\beta = 0$ " +
                $"(and $\\zeta - J\\alpha = 0$) identically, in exact arithmetic, on the declared parameter domains and latent supports — {kernel.Proofs.Describe()}. " +
                "Nothing was accepted on evidence from sampling. It also checked that the coefficients depend on no latent variable and are defined on the whole parameter domain, " +
                $"that every factor is covered once and that factors sharing a parameter are solved jointly. Result: {(kernel.Accepted ? "accepted" : "rejected")}." +
                (check.SizesReason is { } why ? $" This holds at the sizes checked; for other sizes it is not shown: {why}." : "")));
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

    private static void Jacobian(FactorView factor, string theta, List<ProofBlock> blocks)
    {
        var jacobian = factor.Jacobian;
        var name = $"Factor `{factor.Factor.Variable}`";
        if (jacobian.Rows is { } rows)
        {
            blocks.Add(new Paragraph($"{name}: with {theta} the Jacobian has {rows} rows, {jacobian.Columns} columns and {jacobian.Nonzero} nonzero entries" +
                (jacobian.Complete ? ":" : "; its first nonzero entries are:")));
            if (jacobian.Entries.Length > 0)
                blocks.Add(new Display([.. jacobian.Entries.Select(e =>
                    $"\\frac{{\\partial \\eta_{{{e.Natural + 1}}}({RowLabel(factor.Factor, e.Row!)})}}{{\\partial {LatexPrinter.Print(e.Column)}}} &= {LatexPrinter.Print(e.Derivative!)}")]));
            return;
        }
        blocks.Add(new Paragraph($"{name}: with {theta}, the Jacobian's entries are, for every size:"));
        blocks.Add(new Display([.. jacobian.Entries.Select(e => e.Directional is { } d
            ? $"d\\eta_{{{e.Natural + 1}}} &= {d.ToLatex(n => n == e.Direction!.Name ? "d" + LatexPrinter.Name(n[1..]) : LatexPrinter.Name(n))} \\quad \\text{{along }} d{LatexPrinter.Print(e.Column)}"
            : $"\\frac{{\\partial {Eta(factor, e.Natural)}}}{{\\partial {LatexPrinter.Print(e.Column)}}} &= {LatexPrinter.Print(e.Derivative!)}")]));
    }

    private static void NotSatisfied(ModelCheck check, CriterionView view, List<ProofBlock> blocks)
    {
        var model = check.Model;
        blocks.Add(new Heading(check.Verdict == Verdict.Violated ? "The criterion fails" : "The criterion is undecided"));
        if (check.Reason is not null) blocks.Add(new Paragraph($"The verdict is {Name(check.Verdict)}: {check.Reason}."));
        foreach (var shown in view.Groups.Select(g => g.Witness).OfType<WitnessView>())
        {
            var witness = shown.Witness;
            blocks.Add(new Paragraph($"Factors {string.Join(", ", witness.Factors.Select(f => $"`{f}`"))}: {witness.Reason}. " +
                "A witness is a parameter point, latent points and weights $y$ over rows of the stacked system $\\eta = J\\beta$ with $y^{\\mathrm{T}}J = 0$ and $y^{\\mathrm{T}}\\eta \\neq 0$: " +
                "multiplying the system by $y^{\\mathrm{T}}$ gives $0 \\neq y^{\\mathrm{T}}\\eta = y^{\\mathrm{T}}J\\beta = 0$ for every $\\beta$, so no coefficients exist."));
            if (shown.ListPoints)
            {
                blocks.Add(new Paragraph("The latent points (an opaque function's values and derivatives at distinct points are free, so these are a possible function's):"));
                blocks.Add(new Display([.. shown.Points.Select(p =>
                    $"\\text{{point {p + 1}}}: &\\; " + string.Join(", ", witness.LatentPoints[p].OrderBy(v => v.Key is OpaqueCall ? 1 : 0).ThenBy(v => v.Key, ExprOrder.Instance)
                        .Take(CriterionView.Shown).Select(v => $"{LatexPrinter.Print(v.Key)} = {LatexPrinter.Print(v.Value)}")))]));
            }
            var parameters = shown.Parameters;
            blocks.Add(new Paragraph(parameters.Length == 0 ? "The weighted rows are:"
                : "At " + string.Join(", ", parameters.Take(CriterionView.Shown).Select(p => $"${LatexPrinter.Print(p.Key)} = {LatexPrinter.Print(p.Value)}$")) +
                  (parameters.Length > CriterionView.Shown ? $" and {parameters.Length - CriterionView.Shown} more parameter values" : "") + ", the weighted rows are:"));
            var rows = shown.Rows.Select(r =>
            {
                var factor = model.Factors.Single(f => f.Variable == r.Factor);
                var point = witness.LatentPoints[r.LatentPoint];
                var at = shown.ListPoints ? $" \\text{{ at point {r.LatentPoint + 1}}}"
                    : point.Count > 0 ? " \\text{ at } " + string.Join(", ", point.OrderBy(p => p.Key, ExprOrder.Instance).Select(p => $"{LatexPrinter.Print(p.Key)} = {LatexPrinter.Print(p.Value)}")) : "";
                return $"y &= {LatexPrinter.Print(r.Weight)} \\text{{ on }} \\eta_{{{r.Natural + 1}}}({Element(factor, factor.Elements[r.Element])}){at}";
            }).ToList();
            blocks.Add(new Display([.. rows]));
            if (witness.Rows.Length > shown.Rows.Length) blocks.Add(new Paragraph($"… and {witness.Rows.Length - shown.Rows.Length} more rows."));
        }
        if (check.Kernel is { } kernel)
            blocks.Add(new Paragraph($"The kernel re-evaluated $y^{{\\mathrm{{T}}}}J$ in every parameter column and $y^{{\\mathrm{{T}}}}\\eta$ from the model alone, in exact arithmetic, " +
                $"after checking that the parameter point lies inside the declared domains and the latent points on their supports: " +
                (kernel.Accepted ? (kernel.Proofs.Total == 0 ? "the rows depend on no parameter, and" : kernel.Proofs.Total == 1 ? "$y^{\\mathrm{T}}J = 0$ in the one parameter column and" : $"$y^{{\\mathrm{{T}}}}J = 0$ in all {kernel.Proofs.Total} parameter columns and") + $" {kernel.Evidence?.Replace("yᵀη", "$y^{\\mathrm{T}}\\eta$", StringComparison.Ordinal)}; accepted."
                    : "rejected: " + string.Join("; ", kernel.Problems) + ".")));
        if (check.Verdict == Verdict.Violated && !model.Dimensions.IsEmpty)
            blocks.Add(new Paragraph(check.WitnessAtLargerSizes
                ? $"The witness's rows do not depend on the sizes, so it holds at {Sizes(model.Dimensions)} and at every larger size."
                : $"The witness holds at {Sizes(model.Dimensions)}; other sizes are not shown{(check.SizesReason is { } why ? $" ({why})" : "")}."));
        blocks.Add(new Paragraph("Theorems 1 and 2 therefore do not apply, and no entropy-sum form of the ELBO follows from them."));
    }

    private static string Element(Factor factor, FactorElement element) =>
        element.PlateIndices.IsEmpty ? LatexPrinter.Name(factor.Variable) : $"{LatexPrinter.Name(factor.Variable)}_{{{string.Join(",", element.PlateIndices)}}}";

    private static string RowLabel(Factor factor, NaturalRow row)
    {
        return Element(factor, factor.Elements[row.Element]) + string.Concat(row.Categorical.Select(c => $", {LatexPrinter.Print(c.Key)} = {c.Value}"));
    }


    private static string Name(Verdict verdict) => verdict.ToString().ToLowerInvariant();

    private static string Role(FactorRole role) => role switch { FactorRole.Prior => "prior", FactorRole.Latent => "latent layer", _ => "observable" };
}
