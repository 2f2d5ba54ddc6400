"""The Finance tab: partner contributions, expenditure, budgets and reserves per financial year."""
