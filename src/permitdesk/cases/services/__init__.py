"""Every change to a case, one function each: permission, rules, the change, its audit event
and its messages, in one transaction. Views, the API, commands and jobs call these."""
