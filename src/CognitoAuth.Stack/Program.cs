// The CDK app entry point; the stack itself is defined by the stack issue.
return 0;
