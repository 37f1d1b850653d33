"""Operations the interface and the command line call: no Qt, no SQL in widgets."""
