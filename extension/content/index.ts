/** Content script on Azure portal, AVD web client and RD Web pages: marks RDP error codes. */
export {};
