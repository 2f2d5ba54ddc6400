from bscp_desktop.cli import main

raise SystemExit(main())
