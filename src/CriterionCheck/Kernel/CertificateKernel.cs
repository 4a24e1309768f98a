using System.Collections.Immutable;
using CriterionCheck.Families;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Calculus;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Domains;
using CriterionCheck.Symbolics.Evaluation;

namespace CriterionCheck.Kernel;

/// <summary>
/// The small, independent check of every verdict. It trusts nothing the solver did: from the Model
/// alone it re-derives what a certificate claims and accepts it only when every claim is proved.
/// <para>A certificate (satisfied) is accepted when</para>
/// <list type="number">
/// <item>its groups cover every factor exactly once and are closed under shared parameters: a parameter
///       used by two factors is one column of one joint system, so both factors are in one group;</item>
/// <item>each group's θ names parameter blocks its factors use, and its coefficients are keyed by free
///       elements of θ (or by a whole block an opaque function takes);</item>
/// <item>every coefficient depends on parameters only — no latent, no opaque function value — and is
///       defined on the whole parameter domain (<see cref="Definedness"/>);</item>
/// <item>for every natural parameter η of every element of the group's factors (each categorical value
///       separately), the residual η − Jβ, with Jβ = Σⱼ (∂η/∂θⱼ)·βⱼ the directional derivative of η
///       along β, is proved identically zero on the parameter domains and latent supports by
///       <see cref="ResidualProver"/> — exactly, never by evaluation at sample points.</item>
/// </list>
/// A witness (violated) is checked by <see cref="WitnessKernel"/>.
/// </summary>
public static class CertificateKernel
{
    /// <summary>Checks a "satisfied" certificate.</summary>
    public static KernelResult Check(Model model, Certificate certificate)
    {
        var problems = StructureProblems(model, certificate);
        if (problems.Count > 0) return KernelResult.Rejected(problems);
        var prover = new ResidualProver(model);
        var result = new KernelResult(true, [], ProofCounts.None);
        foreach (var group in certificate.Groups) result = result.And(CheckGroup(model, group, prover));
        return result;
    }

    /// <summary>Checks a "violated" witness (see <see cref="WitnessKernel"/>).</summary>
    public static KernelResult Check(Model model, Witness witness) => WitnessKernel.Check(model, witness);

    /// <summary>
    /// What is wrong with how <paramref name="certificate"/> splits the model into groups: factors covered
    /// not exactly once, unknown factors, or a shared parameter whose factors sit in different groups.
    /// </summary>
    public static List<string> StructureProblems(Model model, Certificate certificate)
    {
        var problems = new List<string>();
        var covered = certificate.Groups.SelectMany(g => g.Factors).ToList();
        foreach (var f in model.Factors)
        {
            var count = covered.Count(c => c == f.Variable);
            if (count != 1) problems.Add($"factor {f.Variable} must be covered by exactly one group, not {count}");
        }
        foreach (var name in covered.Where(c => model.Factors.All(f => f.Variable != c)).Distinct())
            problems.Add($"the certificate names a factor {name} that the model does not have");
        if (problems.Count > 0) return problems;
        var groupOf = certificate.Groups.SelectMany((g, i) => g.Factors.Select(f => (f, i))).ToDictionary(p => p.f, p => p.i);
        foreach (var block in model.Parameters)
        {
            var users = model.Factors.Where(f => f.Parameters.Contains(block.Name)).Select(f => f.Variable).ToList();
            if (users.Select(u => groupOf[u]).Distinct().Count() > 1)
                problems.Add($"parameter {block.Name} is used by {string.Join(" and ", users)}, which the certificate puts in different groups; " +
                             "a tied parameter is one column of one joint system, with one coefficient, so its factors must form one group");
        }
        return problems;
    }

    /// <summary>Checks one group's solution on its own (its coverage of the model is not checked here).</summary>
    public static KernelResult CheckGroup(Model model, FactorCertificate group) => CheckGroup(model, group, new ResidualProver(model));

    /// <summary>Checks one group's solution with a prover shared across groups (its caches carry over).</summary>
    public static KernelResult CheckGroup(Model model, FactorCertificate group, ResidualProver prover)
    {
        var problems = new List<string>();
        var factors = new List<Factor>();
        foreach (var name in group.Factors)
        {
            if (model.Factors.FirstOrDefault(f => f.Variable == name) is not { } factor) problems.Add($"the certificate names a factor {name} that the model does not have");
            else if (factors.Contains(factor)) problems.Add($"the group names factor {name} twice");
            else factors.Add(factor);
        }
        if (problems.Count > 0) return KernelResult.Rejected(problems);

        var etas = factors.SelectMany(f => f.Elements.SelectMany(e => e.NaturalParameters)).ToList();
        var used = factors.SelectMany(f => f.Parameters).ToHashSet(StringComparer.Ordinal);
        // Blocks an opaque function takes appear as whole-block symbols, e.g. w in f(z; w).
        var wholeBlocks = etas.SelectMany(e => e.Symbols()).Where(s => s.Indices.IsEmpty && model.Parameters.Any(p => p.Name == s.Name && !p.Shape.IsEmpty))
            .Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var elementwise = etas.SelectMany(e => e.Symbols()).Where(s => !s.Indices.IsEmpty).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var keys = new HashSet<Expr>();
        foreach (var name in group.Theta)
        {
            if (model.Parameters.FirstOrDefault(p => p.Name == name) is not { } block) { problems.Add($"θ names a parameter {name} that the model does not have"); continue; }
            if (!used.Contains(name)) { problems.Add($"θ names {name}, which no factor of the group ({string.Join(", ", group.Factors)}) uses"); continue; }
            if (wholeBlocks.Contains(name) && elementwise.Contains(name))
                problems.Add($"{name} is used both inside an opaque function and element by element; the kernel cannot check one direction for both");
            // A block an opaque function takes whole moves only as a whole: its elements do not appear
            // in η, so a coefficient keyed by an element would go unseen by the Jacobian.
            if (wholeBlocks.Contains(name)) keys.Add(Symbol.Of(name));
            else keys.UnionWith(block.FreeElements);
        }
        if (group.Theta.Distinct().Count() != group.Theta.Length) problems.Add("θ names a parameter twice");

        var parameterSymbols = model.Parameters.SelectMany(p => p.FreeElements).ToHashSet();
        var bounds = new Bounds(model.Assumptions);
        foreach (var (key, coefficient) in group.Coefficients)
        {
            if (!keys.Contains(key)) { problems.Add($"a coefficient for {key}, which is not a free element of θ = {{{string.Join(", ", group.Theta)}}}"); continue; }
            var whole = key is Symbol { Indices.IsEmpty: true } k && wholeBlocks.Contains(k.Name);
            if (Contains<OpaqueCall>(coefficient)) { problems.Add($"the coefficient of {key}, {Short(coefficient)}, depends on an opaque function, hence on latent variables"); continue; }
            var stray = coefficient.Symbols().FirstOrDefault(s => !parameterSymbols.Contains(s) && !(whole && s.Equals(key)));
            if (stray is not null)
            {
                var latent = model.Factors.Any(f => f.Variable == stray.Name);
                problems.Add(latent ? $"the coefficient of {key}, {Short(coefficient)}, depends on the latent variable {stray}"
                    : $"the coefficient of {key}, {Short(coefficient)}, uses {stray}, which is not a free parameter element of the model");
                continue;
            }
            if (Definedness.Problem(coefficient, bounds) is { } undefined)
                problems.Add($"the coefficient of {key}, {Short(coefficient)}, is not shown to be defined on the whole parameter domain: {undefined}");
        }
        if (problems.Count > 0) return KernelResult.Rejected(problems);

        var columns = group.Coefficients.Keys.OfType<Symbol>().ToHashSet();
        var proofs = ProofCounts.None;
        foreach (var factor in factors)
            foreach (var element in factor.Elements)
                for (var k = 0; k < element.NaturalParameters.Length; k++)
                    foreach (var (eta, where) in CategoricalInstances(element.NaturalParameters[k], model))
                    {
                        // Every parameter element η reads must be a free one: the Jacobian has a column for free elements only.
                        var dependent = eta.Symbols().FirstOrDefault(x => !x.Indices.IsEmpty && model.Parameters.Any(b => b.Name == x.Name) && !parameterSymbols.Contains(x));
                        if (dependent is not null)
                        {
                            problems.Add($"{element.Label(factor.Variable)}{where}, natural parameter {k + 1}: reads {dependent}, which is not a free parameter element, so the Jacobian has no column for it");
                            continue;
                        }
                        var gradient = SparseGradient.Of(eta, columns);
                        var jacobianTimesCoefficients = Sum.Of(gradient.Select(g => g.Value * group.Coefficients[g.Key]));
                        // Canonical forms that are equal differ by exactly 0; subtracting would rebuild both.
                        var residual = jacobianTimesCoefficients.Equals(eta) ? Number.Zero : eta - jacobianTimesCoefficients;
                        if (prover.Prove(residual, out var cases) is { } method) proofs = proofs.With(method, cases);
                        else problems.Add($"{element.Label(factor.Variable)}{where}, natural parameter {k + 1}: η − Jβ = {Short(residual)} is not proved zero" +
                                          Counterexample.Describe(model, residual));
                    }
        return new KernelResult(problems.Count == 0, [.. problems], proofs);
    }

    // A categorical latent indexes parameters (mu[c, d]): each of its values is a separate identity.
    private static IEnumerable<(Expr Eta, string Where)> CategoricalInstances(Expr eta, Model model)
    {
        var indices = model.Factors.Any(f => f.IsCategorical)
            ? eta.Symbols().Where(s => model.Factors.Any(f => f.IsCategorical && f.Variable == s.Name)).ToList()
            : [];
        if (indices.Count == 0) { yield return (eta, ""); yield break; }
        var sizes = indices.Select(s => model.Factors.Single(f => f.Variable == s.Name).Family.Support.Size).ToList();
        foreach (var values in IndexTuples.Over(sizes))
            yield return (CategoricalValues.Substitute(model, eta, indices.Select((s, i) => (s, values[i])).ToDictionary(p => (Expr)p.s, p => (Expr)Number.Of(p.Item2))),
                string.Concat(indices.Select((s, i) => $", {s} = {values[i]}")));
    }

    private static bool Contains<T>(Expr e) where T : Expr => e is T || e.Children.Any(Contains<T>);

    /// <summary>An expression for a message: whole when short, cut with an ellipsis otherwise.</summary>
    internal static string Short(Expr e)
    {
        var text = e.ToString();
        return text.Length <= 160 ? text : text[..157] + "…";
    }
}
