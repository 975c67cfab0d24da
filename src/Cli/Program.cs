using System.CommandLine;

var root = new RootCommand("ferry: stand up two clouds and live-migrate containers between them");
return root.Parse(args).Invoke();
