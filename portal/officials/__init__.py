"""The officials' space: the home page of officials and staff (/espace-elus, with every
feature's panels), their directory and address book, `!annuaire`, the weekly digest."""
