using System.Text;
using CriterionCheck.Cli.Commands;
using CriterionCheck.Criterion;
using CriterionCheck.Kernel;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Calculus;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Matrices;
using CriterionCheck.Presentation;
using CriterionCheck.Verification;

namespace CriterionCheck.Cli.Reports;

/// <summary>The text form of <c>check</c>: a report per spec, then a summary table.</summary>
public static class CheckTextReport
{
    /// <summary>The report for one checked spec, with a legend line for each term it uses first.</summary>
    public static string Render(ModelCheck check) => Render(check, new Legend());

    /// <summary>The report for one checked spec; <paramref name="legend"/> spans a run, so each term is explained once.</summary>
    public static string Render(ModelCheck check, Legend legend)
    {
        var model = check.Model;
        var result = check.Result;
        var s = new StringBuilder();
        void Explain(LegendTerm term) { if (legend.First(term) is { } line) s.Append($"  · {line}\n"); }
        s.Append($"== {model.SourceName}: {model.Title}\n");
        s.Append($"verdict     {Name(check.Verdict)} ({(model.ExpectSatisfied is null ? "the spec makes no claim" : $"expected {model.Claim}")})" +
                 (check.AsExpected ? "" : "  <- differs from expect") + "\n");
        if (result.Theorem is { } theorem)
        {
            s.Append($"theorem     {theorem} ({(theorem == 1 ? "constant base measures: entropies" : "a non-constant base measure: pseudo-entropies and a base-measure term")})\n");
            Explain(theorem == 1 ? LegendTerm.Theorem1 : LegendTerm.Theorem2);
        }
        if (check.Kernel is null) s.Append($"undecided   {check.Reason}\n");
        else
        {
            s.Append($"kernel      {(check.KernelAccepted ? "accepted" : "not accepted")}{(check.Reason is null ? "" : $": {check.Reason}")}\n");
            Explain(LegendTerm.Kernel);
        }
        if (Evidence(check) is { } evidence) s.Append($"evidence    {evidence}\n");
        if (check.Verdict != Verdict.Undecided) s.Append($"sizes       {SizesText(check)}\n");
        if (check.Verdict == Verdict.Satisfied)
        {
            s.Append($"statement   ELBO = entropy sum at every point where F is stationary with respect to {string.Join(", ", result.StationaryIn)}\n");
            Explain(LegendTerm.StationaritySet);
        }
        var view = CriterionView.Of(check);
        foreach (var group in view.Groups)
        {
            foreach (var factor in group.FactorViews)
            {
                s.Append($"\n{factor.Factor.Declaration} ~ {factor.Factor.Distribution}    ({ModelTextReport.Role(factor.Factor.Role)}; condition {factor.Condition}" +
                         $"{(factor.JointWith.IsEmpty ? "" : $", solved jointly with {string.Join(", ", factor.JointWith)}")})\n");
                Explain(factor.Condition == "A" ? LegendTerm.ConditionA : LegendTerm.ConditionB);
                Naturals(s, factor);
                Jacobian(s, group, factor, Explain);
            }
            if (group.CoefficientCount > 0)
            {
                s.Append($"  {group.Letter} (by {group.Route}){(group.ForEverySize ? ", for every size" : "")}\n");
                Explain(LegendTerm.Coefficients);
                foreach (var c in group.Coefficients)
                {
                    s.Append($"    {group.Letter}[{c.Key}] = {c.Shown}\n");
                    if (c.Abbreviation is { } abbreviation)
                        s.Append($"      where {abbreviation} = {c.Meaning}, the entropy of {abbreviation.Indices[0]} (its last weight is 1 minus the others)\n");
                }
                More(s, group.CoefficientCount, group.Coefficients.Length);
            }
            else if (group.Witness is { } witness)
            {
                Witness(s, model, witness);
                Explain(LegendTerm.Witness);
            }
            else if (group.Reason is not null) s.Append($"  undecided   {group.Reason}\n");
        }
        return s.ToString();
    }

    // η2, or η1(c = C) for the piece of a split template at the last value of its index.
    private static string Eta(FactorView factor, int natural) =>
        $"η{factor.NaturalNumber(natural)}{(factor.NaturalCase(natural) is { } at ? $"({at})" : "")}";

    private static void Naturals(StringBuilder s, FactorView factor)
    {
        if (factor.Naturals is [{ Element: null } template])
        {
            s.Append($"  natural parameters{(factor.Indices.IsEmpty ? "" : $", for every {string.Join(", ", factor.Indices.Select(i => $"{i.Index} in 1..{i.Upper}"))}")}\n");
            for (var n = 0; n < template.Values.Length; n++) s.Append($"    {Eta(factor, n)} = {template.Values[n]}\n");
            for (var n = 0; n < template.Matrices.Length; n++) s.Append($"    η{n + 1} = {template.Matrices[n]}\n");
            return;
        }
        s.Append("  natural parameters\n");
        foreach (var natural in factor.Naturals)
            s.Append($"    {natural.Element!.Label(factor.Factor.Variable)}  {string.Join(", ", natural.Values)}\n");
        More(s, factor.Elements, factor.Naturals.Length);
    }

    private static void Jacobian(StringBuilder s, GroupView group, FactorView factor, Action<LegendTerm> explain)
    {
        var jacobian = factor.Jacobian;
        var theta = $"θ = {{{string.Join(", ", group.Theta)}}}";
        if (jacobian.Rows is { } rows)
        {
            s.Append($"  Jacobian    {rows} × {jacobian.Columns} with respect to {theta}, {jacobian.Nonzero} nonzero entries{(jacobian.Complete ? "" : "; the first")}\n");
            explain(LegendTerm.Theta);
            foreach (var entry in jacobian.Entries)
                s.Append($"    ∂η{entry.Natural + 1}({Label(factor.Factor, entry.Row!)})/∂{entry.Column} = {entry.Derivative}\n");
            More(s, jacobian.Nonzero ?? 0, jacobian.Entries.Length);
            return;
        }
        s.Append($"  Jacobian    with respect to {theta}\n");
        explain(LegendTerm.Theta);
        foreach (var entry in jacobian.Entries)
            s.Append(entry.Directional is { } d
                ? $"    dη{entry.Natural + 1} = {d}   (along {entry.Direction})\n"
                : $"    ∂{Eta(factor, entry.Natural)}/∂{entry.Column} = {entry.Derivative}\n");
        if (jacobian.Entries.Any(e => e.Derivative is { } d && Contains<KroneckerDelta>(d))) explain(LegendTerm.Delta);
    }

    private static bool Contains<T>(Expr e) where T : Expr => e is T || e.Children.Any(Contains<T>);

    private static void Witness(StringBuilder s, Model model, WitnessView view)
    {
        var witness = view.Witness;
        s.Append($"  witness     {witness.Reason}\n");
        if (view.Parameters.Length is > 0 and <= CriterionView.Shown)
            s.Append($"    at {string.Join(", ", view.Parameters.Select(p => $"{p.Key} = {p.Value}"))}\n");
        foreach (var p in view.Points)
        {
            var values = witness.LatentPoints[p].OrderBy(v => v.Key is OpaqueCall ? 1 : 0).ThenBy(v => v.Key, ExprOrder.Instance).ToList();
            s.Append($"    latent point {p + 1}: {string.Join(", ", values.Take(CriterionView.Shown).Select(v => $"{v.Key} = {v.Value}"))}" +
                     $"{(values.Count > CriterionView.Shown ? $", … and {values.Count - CriterionView.Shown} more" : "")}\n");
        }
        foreach (var row in view.Rows)
        {
            var at = view.ListPoints ? $" at latent point {row.LatentPoint + 1}" : LatentText(witness, row);
            var element = model.Factors.Single(f => f.Variable == row.Factor).Elements[row.Element].Label(row.Factor);
            s.Append($"    y = {row.Weight} on η{row.Natural + 1} of {element}{at}\n");
        }
        More(s, witness.Rows.Length, view.Rows.Length);
    }

    /// <summary>The summary table over every spec given, checked or not, in order, and its closing count.</summary>
    public static string Summary(IReadOnlyList<CheckedSpec> specs)
    {
        var header = new[] { "file", "verdict", "expected", "theorem", "stationary in", "kernel" };
        var rows = specs.Select(spec => spec.Check is not { } c
            ? [Path.GetFileName(spec.File), "unreadable", "-", "-", "-", "-"]
            : new[]
            {
                Path.GetFileName(c.Model.SourceName), Name(c.Verdict), c.Model.Claim,
                c.Result.Theorem?.ToString() ?? "-", c.Verdict == Verdict.Satisfied ? string.Join(", ", c.Result.StationaryIn) : "-",
                c.Kernel is null ? "-" : c.KernelAccepted ? "accepted" : "not accepted",
            }).ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var s = new StringBuilder();
        s.Append(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd()).Append('\n');
        foreach (var r in rows) s.Append(string.Join("  ", r.Select((v, i) => v.PadRight(widths[i]))).TrimEnd()).Append('\n');
        var checks = specs.Select(x => x.Check).OfType<ModelCheck>().ToList();
        var differing = checks.Count(c => !c.AsExpected);
        var unclaimed = checks.Count(c => c.Model.ExpectSatisfied is null);
        var unreadable = specs.Count - checks.Count;
        s.Append($"{checks.Count} spec{(checks.Count == 1 ? "" : "s")} checked, {checks.Count - differing - unclaimed} as expected, {differing} differ{(differing == 1 ? "s" : "")}" +
                 (unclaimed > 0 ? $", {unclaimed} with no claim" : "") + (unreadable > 0 ? $"; {unreadable} could not be read" : "") + "\n");
        return s.ToString();
    }

    /// <summary>The verdict as reports write it.</summary>
    public static string Name(Verdict verdict) => verdict.ToString().ToLowerInvariant();

    private static string Label(Factor factor, NaturalRow row) =>
        factor.Elements[row.Element].Label(factor.Variable) + string.Concat(row.Categorical.Select(c => $", {c.Key} = {c.Value}"));

    private static string LatentText(Witness witness, WitnessRow row)
    {
        var point = witness.LatentPoints[row.LatentPoint];
        return point.Count == 0 ? "" : $" at {string.Join(", ", point.OrderBy(p => p.Key, ExprOrder.Instance).Select(p => $"{p.Key} = {p.Value}"))}";
    }

    /// <summary>"every size (…)" or "at H = 2, D = 3 only: why".</summary>
    public static string SizesText(ModelCheck check)
    {
        var at = string.Join(", ", check.Sizes.Select(d => d.ToString()));
        if (check.AllSizes)
            return $"proved for every size, by index templates ({check.TemplateKernel!.Proofs.Describe()}); cross-checked at {(at.Length == 0 ? "the spec's only size" : at)}{Requested(check)}";
        if (check.WitnessAtLargerSizes)
            return at.Length == 0 ? "the witness holds at the spec's only size"
                : $"the witness holds at {at} and at every larger size (its rows do not depend on the sizes){Requested(check)}";
        return $"at {at} only: {check.SizesReason}";
    }

    // The sizes asked for, when a proof for every size carried the verdict to them.
    private static string Requested(ModelCheck check) => check.RequestedSizes.IsEmpty ? ""
        : $"; so also at the sizes asked for, {string.Join(", ", check.RequestedSizes.Select(d => d.ToString()))}";

    /// <summary>How the verdict was reached, in one line: what the kernel proved, or how the witness was confirmed; null when undecided.</summary>
    public static string? Evidence(ModelCheck check) => check.Kernel is not { Accepted: true } kernel ? null
        : check.Verdict == Verdict.Violated
            ? "witness checked exactly: " + (kernel.Proofs.Total == 0 ? "its rows depend on no parameter" :
                (kernel.Proofs.Total == 1 ? "yᵀJ = 0 in the one parameter column" : $"yᵀJ = 0 in all {kernel.Proofs.Total} parameter columns") + $"{(kernel.Proofs.NormalForm > 0 ? $" ({kernel.Proofs.NormalForm} by a proof of the zero test)" : "")}") + $", {kernel.Evidence}"
            : $"proved symbolically, nothing sampled: {kernel.Proofs.Describe()}";

    private static void More(StringBuilder s, int count, int shown)
    {
        if (count > shown) s.Append($"    … and {count - shown} more\n");
    }
}
