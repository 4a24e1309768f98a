using CriterionCheck.Cli;

return CommandLineApp.Run(args, Console.Out, Console.Error);
