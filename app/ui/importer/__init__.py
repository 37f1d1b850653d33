"""Import wizard and export dialog: the window side of app.services.importing and exporting."""
