using CriterionCheck.Families;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;

namespace CriterionCheck.Kernel;

/// <summary>
/// For a report only, never for acceptance: looks for a point where an unproved residual is visibly
/// nonzero — binary latents all 0 and all 1 first (a product of many of them vanishes almost
/// everywhere else), then seeded random points with random values for opaque functions.
/// </summary>
public static class Counterexample
{
    private const int Seed = 4711;

    /// <summary>"; it is 1 at z[1] = 1, …" when a nonzero value was found, else why nothing is proved.</summary>
    public static string Describe(Model model, Expr residual)
    {
        var sampler = new PointSampler(model, Seed);
        var latentSymbols = residual.Symbols().Where(s => model.Factors.Any(f => f.Role != FactorRole.Observable && f.Variable == s.Name)).ToList();
        var binary = latentSymbols.Where(s => model.Factors.First(f => f.Variable == s.Name).Family.Support.Kind == SupportKind.Binary).ToList();
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var parameters = sampler.Parameters();
            var latents = sampler.Latents();
            if (attempt < 2) foreach (var b in binary) latents[b] = attempt;
            var random = new Random(Seed + attempt);
            var opaque = new Dictionary<OpaqueCall, double>();
            double value, scale = 0;
            try
            {
                bool Values(Symbol s, out double v) => latents.TryGetValue(s, out v) || parameters.TryGetValue(s, out v);
                double Opaque(OpaqueCall call, double[] _) => opaque.TryGetValue(call, out var known) ? known : opaque[call] = 2 * random.NextDouble() - 1;
                value = Evaluator.Evaluate(residual, Values, Opaque);
                // Rounding in a sum is relative to its terms: only a value well above that is shown.
                foreach (var term in residual is Sum sum ? sum.Children : [residual]) scale += Math.Abs(Evaluator.Evaluate(term, Values, Opaque));
            }
            catch (SymbolicException) { continue; }
            if (!double.IsFinite(value) || value == 0 || Math.Abs(value) <= 1e-12 * scale) continue;
            var at = latentSymbols.Count is > 0 and <= 8
                ? " at " + string.Join(", ", latentSymbols.Select(s => $"{s} = {latents[s]:G4}"))
                : attempt < 2 && binary.Count > 0 ? $" with every binary latent {attempt}" : " at a random point";
            return $"; it is {value:G6}{at}";
        }
        return "; no point where it is nonzero was found, but the normal form cannot decide it";
    }
}
