using Ferry.Cli;

return await FerryCommand.Create().Parse(args).InvokeAsync();
