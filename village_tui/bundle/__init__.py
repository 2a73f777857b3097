"""The USB-stick bundle: wheels for the offline village PCs, install and start scripts, 说明.txt."""
