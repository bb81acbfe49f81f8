package model

// Version is the engine version recorded in every manifest. Two runs of the
// same inputs with the same Version give byte-identical outputs; change it
// whenever a change of code can change an output.
const Version = "0.2.2"
