return await CodeFirst.CodeFirstApp.RunAsync(args, CodeFirst.EventDags.TestWatchers.Register);
