"""Reading asset files: our own CSV columns and Google Admin's Chromebook export, checked
row by row so a dry run can name every bad row before anything is written."""
