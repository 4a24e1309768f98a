using System.CommandLine;
using CriterionCheck.Models;
using CriterionCheck.Numerics;

namespace CriterionCheck.Cli.Commands;

/// <summary>What <c>numeric</c> and <c>evaluate</c> share: --data, --tolerance, and turning numeric errors into exit code 2.</summary>
public static class NumericOptions
{
    /// <summary>--tolerance T: the gradient norm below which a point counts as stationary.</summary>
    public static Option<double> Tolerance() => new("--tolerance")
    {
        Description = "Stationary when the gradient norm over the trained parameters is at most this.",
        DefaultValueFactory = _ => 1e-8,
    };

    /// <summary>Reads the data file at <paramref name="path"/> for <paramref name="model"/>.</summary>
    /// <exception cref="InputException">The file cannot be read or does not fit the model.</exception>
    public static DataSet ReadData(string path, Model model, LatentLayout layout) => Reading(path, () => DataFile.Read(path, model, layout));

    private static T Reading<T>(string path, Func<T> read)
    {
        try { return read(); }
        catch (NumericException e) { throw new InputException(e.Message); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { throw new InputException($"{path}: no such file"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read the file: {e.Message}");
        }
    }

    /// <summary>Reads the parameter file at <paramref name="path"/> for <paramref name="space"/>.</summary>
    /// <exception cref="InputException">The file cannot be read or does not fit the model.</exception>
    public static double[] ReadParameters(string path, ParameterSpace space) => Reading(path, () => ParameterFile.Read(path, space));

    /// <summary>The --tolerance value, checked.</summary>
    /// <exception cref="UsageException">Not a positive number.</exception>
    public static double CheckedTolerance(double tolerance) =>
        tolerance > 0 && double.IsFinite(tolerance) ? tolerance : throw new UsageException($"--tolerance must be a positive number, got {tolerance.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    /// <summary>Runs <paramref name="body"/>, reporting a model the numerics cannot handle as bad input about <paramref name="spec"/>.</summary>
    public static T Guard<T>(string spec, Func<T> body)
    {
        try { return body(); }
        catch (NumericException e) { throw new InputException($"{spec}: {e.Message}"); }
    }
}
