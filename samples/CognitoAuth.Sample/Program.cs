// The sample console app; filled in by the local-stack issue.
return 0;
