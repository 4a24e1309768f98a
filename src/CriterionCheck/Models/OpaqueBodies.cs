using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Models;

/// <summary>Replaces calls of opaque functions by the concrete bodies a spec gives them, for numeric work.</summary>
public static class OpaqueBodies
{
    /// <summary>
    /// <paramref name="e"/> with every call f[k](…) replaced by f's body for output k. With
    /// <paramref name="required"/>, a function without a body is an error; otherwise its calls stay.
    /// </summary>
    /// <exception cref="InvalidOperationException">A required body is missing, or a derivative of an opaque function is met.</exception>
    public static Expr Substitute(Model model, Expr e, bool required)
    {
        if (model.Functions.IsEmpty) return e;
        var map = new Dictionary<Expr, Expr>();
        Collect(e);
        return map.Count == 0 ? e : Substitution.Substitute(e, map);

        void Collect(Expr node)
        {
            if (node is not OpaqueCall call)
            {
                foreach (var c in node.Children) Collect(c);
                return;
            }
            var function = model.Functions.Single(f => f.Name == call.Name);
            if (!function.HasBody || !call.Derivatives.IsEmpty)
            {
                if (!required) return;
                throw new InvalidOperationException(function.HasBody
                    ? $"a derivative of {function.Name} cannot be evaluated numerically"
                    : $"the function {function.Signature} has no concrete body; give it one (function {function.Name}[…](…) = …) for numeric checks");
            }
            map[call] = function.Body[call.Indices.IsEmpty ? 0 : (int)((Number)call.Indices[0]).Value.Numerator - 1];
        }
    }
}
