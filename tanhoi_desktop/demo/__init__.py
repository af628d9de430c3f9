"""The bundled demo's data that is not in its workbook."""
